export { createRng } from './rng';
export type { Rng, RngState } from './rng';
