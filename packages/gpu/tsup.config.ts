import { packageBuild } from '../../tooling/tsup-preset.ts';

// *.node / *.browser: the two forms of the `#thread-host` import (package.json `imports`).
export default packageBuild(
  {
    index: 'src/index.ts',
    'thread-host.node': 'src/wasm/thread-host.node.ts',
    'thread-host.browser': 'src/wasm/thread-host.browser.ts',
  },
  { dts: { entry: { index: 'src/index.ts' } } },
);
