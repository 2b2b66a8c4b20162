import { type Params, type Tensor, add, mul, square, sub, sum, tensor } from '@nn/tensor';

/** A function to minimize from a fixed start, with its known minimum and a step budget. */
export interface TestProblem<P extends Params = Params> {
  readonly name: string;
  /** Fresh starting params (a new tree on every call, so runs never share one). */
  init(): P;
  /** The scalar objective. */
  loss(params: P): Tensor;
  /** The minimizer: a tree like the params, or every element in tree order (as flattenParams lists them). */
  readonly minimum: Params | readonly number[];
  /** Largest |θ − θ*| allowed in any element at the end. */
  readonly tolerance: number;
  /** The step budget; override with `{ ...problem, steps }` for a slow optimizer. */
  readonly steps: number;
}

/**
 * f(w) = ½(w₀² + 10·w₁²) from w = (3, 1), float32: the course's elongated error surface, a bowl ten
 * times steeper along w₁ than along w₀ (condition number 10). Minimum 0 at (0, 0).
 */
export const quadratic: TestProblem<{ w: Tensor }> = {
  name: 'quadratic',
  init: () => ({ w: tensor([3, 1]) }),
  loss: ({ w }) => mul(sum(mul(tensor([1, 10]), square(w))), 0.5),
  minimum: [0, 0],
  tolerance: 1e-3,
  steps: 200,
};

/**
 * f(x, y) = (1 − x)² + 100·(y − x²)² from (−1.2, 1), float64: Rosenbrock's curved narrow valley.
 * Minimum 0 at (1, 1).
 * @see Rosenbrock (1960), "An automatic method for finding the greatest or least value of a function".
 */
export const rosenbrock: TestProblem<{ x: Tensor; y: Tensor }> = {
  name: 'rosenbrock',
  init: () => ({ x: tensor(-1.2, [], 'float64'), y: tensor(1, [], 'float64') }),
  loss: ({ x, y }) => add(square(sub(1, x)), mul(100, square(sub(y, square(x))))),
  minimum: [1, 1],
  tolerance: 1e-3,
  steps: 3000,
};
