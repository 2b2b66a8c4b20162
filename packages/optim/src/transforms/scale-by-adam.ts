import { type GradientTransformation, type Params, ValueError, add, div, mapTree, maximum, mul, sqrt, square, zerosLike } from '@nn/tensor';
import { checkNumber, checkState } from './check';

export interface ScaleByAdamOptions {
  /** [β₁, β₂], the decay rates of the first and second moment averages, each in [0, 1). Default [0.9, 0.999]. */
  readonly betas?: readonly [number, number];
  /** ε, added to √v̂ (> 0). Default 1e-8. */
  readonly eps?: number;
  /** Divide by the largest v̂ seen so far (AMSGrad). Default false. */
  readonly amsgrad?: boolean;
}

/** The moment averages m and v, the largest v so far (AMSGrad only, else null) and the step count. */
export interface ScaleByAdamState {
  readonly count: number;
  readonly mu: Params;
  readonly nu: Params;
  readonly nuMax: Params | null;
}

/**
 * m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g², u = m̂/(√v̂ + ε) with m̂ = m/(1 − β₁ᵗ),
 * v̂ = v/(1 − β₂ᵗ); with AMSGrad, v̂ uses the largest v so far. Exactly the direction
 * `torch.optim.Adam` steps along (its denominator is √v_max/√(1 − β₂ᵗ) + ε too); chain
 * `scaleByLearningRate(η)` after it. The first u is g/(|g| + ε) ≈ sign(g), whatever the scale of g.
 * @see Kingma, Ba (2015), "Adam: a method for stochastic optimization".
 * @see Reddi, Kale, Kumar (2018), "On the convergence of Adam and beyond" (AMSGrad).
 */
export function scaleByAdam({ betas = [0.9, 0.999], eps = 1e-8, amsgrad = false }: ScaleByAdamOptions = {}): GradientTransformation<ScaleByAdamState> {
  const op = 'scaleByAdam';
  if (!Array.isArray(betas) || betas.length !== 2) throw new ValueError(op, `betas must be a pair [β₁, β₂], got ${String(betas)}`);
  const [b1, b2] = betas;
  checkNumber(op, 'β₁ (betas[0])', b1, { min: 0, max: 1, maxOpen: true });
  checkNumber(op, 'β₂ (betas[1])', b2, { min: 0, max: 1, maxOpen: true });
  checkNumber(op, 'eps', eps, { min: 0, minOpen: true });
  return {
    init: (params) => ({
      count: 0,
      mu: mapTree(zerosLike, params),
      nu: mapTree(zerosLike, params),
      nuMax: amsgrad ? mapTree(zerosLike, params) : null,
    }),
    update(grads, state) {
      checkState(op, state, ['count', 'mu', 'nu', 'nuMax']);
      const count = state.count + 1;
      const mu = mapTree((g, m) => add(mul(m, b1), mul(g, 1 - b1)), grads, state.mu);
      const nu = mapTree((g, v) => add(mul(v, b2), mul(square(g), 1 - b2)), grads, state.nu);
      const nuMax = amsgrad ? mapTree((v, vMax) => maximum(v, vMax), nu, state.nuMax ?? nu) : null;
      const c1 = 1 - b1 ** count;
      const c2 = Math.sqrt(1 - b2 ** count);
      // NOTE: (m/c₁) / (√v/c₂ + ε), not √(v/c₂²) + ε rearranged: PyTorch's order of operations.
      const updates = mapTree((m, v) => div(mul(m, 1 / c1), add(mul(sqrt(v), 1 / c2), eps)), mu, nuMax ?? nu);
      return [updates, { count, mu, nu, nuMax }];
    },
  };
}
