import { packageBuild } from '../../tooling/tsup-preset.ts';

// *.node / *.browser: the two forms of the `#thread-host` import (package.json `imports`). No code
// splitting: each form carries its copy of the helper's script and constants, so that no entry imports a
// shared chunk for its side effects alone (esbuild warns of such an import in a "sideEffects": false package).
export default packageBuild(
  {
    index: 'src/index.ts',
    'thread-host.node': 'src/wasm/thread-host.node.ts',
    'thread-host.browser': 'src/wasm/thread-host.browser.ts',
  },
  { dts: { entry: { index: 'src/index.ts' } }, splitting: false },
);
