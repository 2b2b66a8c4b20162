import { type GradientTransformation, type Params, type Tensor, type UpdateContext, ValueError, valueAndGrad } from '@nn/tensor';
import { applyUpdates } from '../apply-updates';
import type { TestProblem } from './problems';

export interface MinimizeResult<P extends Params, S> {
  /** The params after the last step. */
  readonly params: P;
  /** The optimizer's state after the last step. */
  readonly state: S;
  /** The loss before each step, then after the last one (steps + 1 values). */
  readonly losses: number[];
}

/**
 * Runs `steps` full-batch updates of `optimizer` on `problem` from its start, passing every `update`
 * the context `{ loss, lossAndGrad, step, lossFn }` (so line searches and quasi-Newton methods work too).
 * Throws a ValueError naming the step when the loss stops being finite.
 */
export function minimize<P extends Params, S>(
  optimizer: GradientTransformation<S>,
  problem: TestProblem<P>,
  steps: number = problem.steps,
): MinimizeResult<P, S> {
  const params = problem.init();
  const lossAndGrad = (p: Params): { loss: number; grads: Params } => {
    const { value, grads } = valueAndGrad(problem.loss as (p: Params) => ReturnType<TestProblem<P>['loss']>, p);
    return { loss: value.item(), grads };
  };
  let state = optimizer.init(params);
  const losses: number[] = [];
  const check = (loss: number, step: number): void => {
    if (!Number.isFinite(loss)) throw new ValueError('minimize', `the loss of ${problem.name} became ${loss} at step ${step}`);
  };
  for (let step = 0; step < steps; step++) {
    const { loss, grads } = lossAndGrad(params);
    check(loss, step);
    losses.push(loss);
    const ctx: UpdateContext = { loss, lossAndGrad, step, lossFn: problem.loss as (p: Params) => Tensor };
    let updates: P;
    [updates, state] = optimizer.update(grads as P, state, params, ctx);
    applyUpdates(params, updates);
  }
  const last = problem.loss(params).item();
  check(last, steps);
  losses.push(last);
  return { params, state, losses };
}
