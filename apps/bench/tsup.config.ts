import { appBuild } from '../../tooling/tsup-preset.ts';

// The peers are devDependencies, which tsup would bundle: keep every installed package external
// (tfjs-backend-wasm finds its .wasm files next to its own JavaScript).
export default appBuild({ main: 'src/main.ts' }, { banner: {}, skipNodeModulesBundle: true });
