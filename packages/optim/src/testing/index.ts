// @nn/optim/testing: the shared optimizer contract (a vitest suite) and the problems it solves.
export { describeOptimizerContract } from './contract';
export type { OptimizerContractOptions } from './contract';
export { illConditionedQuadratic, quadratic, rosenbrock } from './problems';
export type { TestProblem } from './problems';
export { minimize } from './minimize';
export type { MinimizeResult } from './minimize';
export { lossAndGradAt, trajectory } from './trajectory';
