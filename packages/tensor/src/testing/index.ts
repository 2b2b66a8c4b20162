export { allCloseMismatch, toBeAllClose } from './all-close';
export type { AllCloseOptions } from './all-close';
export { checkGrad, expectGradClose } from './check-grad';
export type { CheckGradOptions, CheckGradResult } from './check-grad';
