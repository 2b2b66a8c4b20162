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
  /** The step budget; override with `{ ...problem, steps, tolerance }` to state one optimizer's budget. */
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

/** λ_i = 1000^(i/9), i = 0 … 9: ten curvatures spaced evenly in log scale from 1 to 1000. */
const illConditionedLambdas = Array.from({ length: 10 }, (_, i) => 1000 ** (i / 9));

/**
 * f(w) = ½·Σ λ_i·w_i² over ten weights, λ_i = 1000^(i/9) from 1 to 1000 (condition number 1000), from
 * w = (1, …, 1), float64. Minimum 0 at w = 0. The bowl is axis-aligned, so per-weight methods (rprop,
 * Adagrad, Adam, adaptive gains) can fix its scaling weight by weight while plain gradient descent,
 * whose rate must stay below 2/λ_max = 0.002, needs ≈ ln(1000)·1000 ≈ 6,900 steps to bring w₀ from
 * 1 to 1e-3. The stated budget, 2,000 steps, is what a method with momentum (heavy ball: a contraction
 * of ≈ (√κ − 1)/(√κ + 1) ≈ 0.94 a step) or a per-weight rate needs with room to spare; give a slower
 * method its own with `{ ...illConditionedQuadratic, steps }`.
 */
export const illConditionedQuadratic: TestProblem<{ w: Tensor }> & { readonly curvatures: readonly number[] } = {
  name: 'illConditionedQuadratic',
  curvatures: illConditionedLambdas,
  init: () => ({ w: tensor(illConditionedLambdas.map(() => 1), [illConditionedLambdas.length], 'float64') }),
  loss: ({ w }) => mul(sum(mul(tensor(illConditionedLambdas, [illConditionedLambdas.length], 'float64'), square(w))), 0.5),
  minimum: illConditionedLambdas.map(() => 0),
  tolerance: 1e-3,
  steps: 2000,
};
