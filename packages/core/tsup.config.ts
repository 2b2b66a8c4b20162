import { packageBuild } from '../../tooling/tsup-preset.ts';

// *.node / *.browser: the two forms of the `#node-builtins` and `#terminal-bar` imports (package.json `imports`).
export default packageBuild(
  {
    index: 'src/index.ts',
    datasets: 'src/datasets.ts',
    node: 'src/node.ts',
    'node-builtins.node': 'src/node-builtins.node.ts',
    'node-builtins.browser': 'src/node-builtins.browser.ts',
    'terminal-bar.node': 'src/terminal-bar.node.ts',
    'terminal-bar.browser': 'src/terminal-bar.browser.ts',
  },
  { dts: { entry: { index: 'src/index.ts', datasets: 'src/datasets.ts', node: 'src/node.ts' } } },
);
