export { lion } from './lion';
export type { LionOptions, LionState } from './lion';
