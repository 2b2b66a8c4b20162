import { packageBuild } from '../../tooling/tsup-preset.ts';

// trial-worker.js is the worker threads' entry point, loaded by file name next to node.js (no types).
export default packageBuild(
  { index: 'src/index.ts', node: 'src/node.ts', 'trial-worker': 'src/trial-worker.js' },
  { dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } } },
);
