import { type GradientTransformation, type Params, type Tensor, ValueError, add, div, mapTree, maximum, mul, sqrt, square, zerosLike } from '@nn/tensor';
import { checkNumber, checkState } from './check';
import { fusedLeafUpdate, mapTreeMulti } from './fused-leaf-update';

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
      const k: AdamConstants = { b1, b2, eps, c1: 1 - b1 ** count, c2: Math.sqrt(1 - b2 ** count) };
      const trees = amsgrad
        ? mapTreeMulti(4, (g, m, v, vMax) => adamLeaf(k, g, m, v, vMax), grads, state.mu, state.nu, state.nuMax ?? state.nu)
        : mapTreeMulti(3, (g, m, v) => adamLeaf(k, g, m, v), grads, state.mu, state.nu);
      const [updates, mu, nu] = trees;
      return [updates as typeof grads, { count, mu, nu, nuMax: amsgrad ? trees[3] : null }];
    },
  };
}

/** Adam's scalars at step t: the decays, ε, and the bias corrections c₁ = 1 − β₁ᵗ, c₂ = √(1 − β₂ᵗ). */
export interface AdamConstants {
  readonly b1: number;
  readonly b2: number;
  readonly eps: number;
  readonly c1: number;
  readonly c2: number;
}

/** One leaf's Adam step in one pass: [u, m, v] (and v_max with `vMax`), equal bit for bit to {@link adamLeafOps}. */
export function adamLeaf(k: AdamConstants, g: Tensor, m: Tensor, v: Tensor, vMax?: Tensor): Tensor[] {
  const inputs = vMax === undefined ? [g, m, v] : [g, m, v, vMax];
  return fusedLeafUpdate(inputs, inputs.length, (n, [gs, ms, vs, vMaxs], [us, mo, vo, vMaxo], r) => {
    // the numbers the ops turn into scalar tensors of the leaves' dtype
    const b1 = r(k.b1), a1 = r(1 - k.b1), b2 = r(k.b2), a2 = r(1 - k.b2), s1 = r(1 / k.c1), s2 = r(1 / k.c2), eps = r(k.eps);
    for (let i = 0; i < n; i++) {
      const gi = gs[i];
      const mi = r(r(ms[i] * b1) + r(gi * a1));
      const vi = r(r(vs[i] * b2) + r(r(gi * gi) * a2));
      mo[i] = mi;
      vo[i] = vi;
      let d = vi;
      if (vMaxs !== undefined) {
        d = Math.max(vi, vMaxs[i]);
        vMaxo[i] = d;
      }
      us[i] = r(r(mi * s1) / r(r(r(Math.sqrt(d)) * s2) + eps));
    }
  }, () => adamLeafOps(k, g, m, v, vMax));
}

/**
 * One leaf's Adam step as a chain of tensor ops: [u, m, v] (and v_max with `vMax`). The reference the
 * fused loop is tested against, and what runs when it cannot (see `fusedLeafUpdate`).
 */
export function adamLeafOps({ b1, b2, eps, c1, c2 }: AdamConstants, g: Tensor, m: Tensor, v: Tensor, vMax?: Tensor): Tensor[] {
  const mNew = add(mul(m, b1), mul(g, 1 - b1));
  const vNew = add(mul(v, b2), mul(square(g), 1 - b2));
  const vMaxNew = vMax === undefined ? undefined : maximum(vNew, vMax);
  // NOTE: (m/c₁) / (√v/c₂ + ε), not √(v/c₂²) + ε rearranged: PyTorch's order of operations.
  const u = div(mul(mNew, 1 / c1), add(mul(sqrt(vMaxNew ?? vNew), 1 / c2), eps));
  return vMaxNew === undefined ? [u, mNew, vNew] : [u, mNew, vNew, vMaxNew];
}
