import { appBuild } from '../../tooling/tsup-preset.ts';

// The peers are devDependencies, which tsup would bundle: keep every installed package external
// (tfjs-backend-wasm finds its .wasm files next to its own JavaScript).
// search-objective.js is imported by W8's worker threads, next to main.js.
export default appBuild({ main: 'src/main.ts', 'search-objective': 'src/search-objective.ts' }, { banner: {}, skipNodeModulesBundle: true });
