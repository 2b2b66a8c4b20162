import { type GradientTransformation, type Params, ValueError, mapTree, tensor, treeLeaves, valueAndGrad } from '@nn/tensor';
import { minimize } from './minimize';
import type { TestProblem } from './problems';

/**
 * The params of `problem` before every step and after the last (steps + 1 rows), each flattened to
 * plain numbers in tree order, as `minimize` runs `optimizer` from the problem's start: what a parity
 * test compares, with `toBeAllClose`, to a reference loop written from the paper's equations.
 */
export function trajectory<P extends Params, S>(optimizer: GradientTransformation<S>, problem: TestProblem<P>, steps: number): number[][] {
  const rows: number[][] = [];
  const recording: GradientTransformation<S> = {
    init: (params) => optimizer.init(params),
    update(grads, state, params, ctx) {
      rows.push(flat(params as Params));
      return optimizer.update(grads, state, params, ctx);
    },
  };
  const { params } = minimize(recording, problem, steps);
  rows.push(flat(params));
  return rows;
}

/**
 * The loss of `problem` and its gradient at the params whose elements, in tree order, are `values`:
 * the gradient a plain-number reference loop needs, computed by autodiff in the problem's own dtypes
 * (so parity tests use a float64 problem: `illConditionedQuadratic` or `rosenbrock`).
 */
export function lossAndGradAt<P extends Params>(problem: TestProblem<P>, values: readonly number[]): { loss: number; grads: number[] } {
  const like = problem.init();
  const size = treeLeaves(like).reduce((n, t) => n + t.size, 0);
  if (values.length !== size) {
    throw new ValueError('lossAndGradAt', `${problem.name} has ${size} elements, got ${values.length} values`);
  }
  let at = 0;
  const params = mapTree((leaf) => {
    const piece = tensor(values.slice(at, at + leaf.size), leaf.shape, leaf.dtype);
    at += leaf.size;
    return piece;
  }, like);
  const { value, grads } = valueAndGrad(problem.loss as (p: Params) => ReturnType<TestProblem<P>['loss']>, params);
  return { loss: value.item(), grads: flat(grads) };
}

function flat(params: Params): number[] {
  return treeLeaves(params).flatMap((t) => Array.from(t.dataSync()));
}
