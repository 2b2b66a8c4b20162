import { packageBuild } from '../../tooling/tsup-preset.ts';

// node-builtins.{node,browser}: the two forms of the `#node-builtins` import (package.json `imports`).
export default packageBuild(
  {
    index: 'src/index.ts',
    datasets: 'src/datasets/index.ts',
    'node-builtins.node': 'src/node-builtins.node.ts',
    'node-builtins.browser': 'src/node-builtins.browser.ts',
  },
  { dts: { entry: { index: 'src/index.ts', datasets: 'src/datasets/index.ts' } } },
);
