import { packageTests } from '../../tooling/vitest-preset.ts';

/** The global setup compiles the AssemblyScript kernels (scripts/build-wasm.mjs) before any test. */
export default packageTests({ globalSetup: ['./scripts/vitest-global-setup.mjs'] });
