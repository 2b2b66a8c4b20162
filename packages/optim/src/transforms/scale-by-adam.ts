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
    retainsOnlyState: true,
    init: (params) => ({
      count: 0,
      mu: mapTree(zerosLike, params),
      nu: mapTree(zerosLike, params),
      nuMax: amsgrad ? mapTree(zerosLike, params) : null,
    }),
    update(grads, state) {
      checkState(op, state, ['count', 'mu', 'nu', 'nuMax']);
      return adamUpdate({ betas: [b1, b2], eps, amsgrad }, grads, state);
    },
  };
}

/**
 * One Adam step over a tree: the updates u·c and the next state, with c = `scale` (1: Adam's direction
 * alone; −η: `adam` fuses its learning rate in, so that the rate costs no pass of its own). u·c is
 * exactly what `scaleByLearningRate` would make of u: one float32 product per element. @internal
 */
export function adamUpdate<P extends Params>({ betas: [b1, b2], eps, amsgrad }: Required<ScaleByAdamOptions>, grads: P, state: ScaleByAdamState, scale?: number): [P, ScaleByAdamState] {
  const count = state.count + 1;
  const k: AdamConstants = { b1, b2, eps, c1: 1 - b1 ** count, c2: Math.sqrt(1 - b2 ** count), scale };
  const trees = amsgrad
    ? mapTreeMulti(4, (g, m, v, vMax) => adamLeaf(k, g, m, v, vMax), grads, state.mu, state.nu, state.nuMax ?? state.nu)
    : mapTreeMulti(3, (g, m, v) => adamLeaf(k, g, m, v), grads, state.mu, state.nu);
  const [updates, mu, nu] = trees;
  return [updates as P, { count, mu, nu, nuMax: amsgrad ? trees[3] : null }];
}

/** Adam's scalars at step t: the decays, ε, and the bias corrections c₁ = 1 − β₁ᵗ, c₂ = √(1 − β₂ᵗ). */
export interface AdamConstants {
  readonly b1: number;
  readonly b2: number;
  readonly eps: number;
  readonly c1: number;
  readonly c2: number;
  /** The factor u is multiplied by (−η when a learning rate is fused in); default: none. */
  readonly scale?: number;
}

/** One leaf's Adam step in one pass: [u, m, v] (and v_max with `vMax`), equal bit for bit to {@link adamLeafOps}. */
export function adamLeaf(k: AdamConstants, g: Tensor, m: Tensor, v: Tensor, vMax?: Tensor): Tensor[] {
  const inputs = vMax === undefined ? [g, m, v] : [g, m, v, vMax];
  const { b1, b2, eps, c1, c2, scale } = k;
  return fusedLeafUpdate(inputs, inputs.length, {
    float32(n, [gs, ms, vs, vMaxs], [us, mo, vo, vMaxo]) {
      // the numbers the ops turn into float32 scalars
      const f1 = Math.fround(b1), r1 = Math.fround(1 - b1), f2 = Math.fround(b2), r2 = Math.fround(1 - b2);
      const s1 = Math.fround(1 / c1), s2 = Math.fround(1 / c2), e = Math.fround(eps), c = Math.fround(scale ?? 1);
      for (let i = 0; i < n; i++) {
        const gi = gs[i];
        const mi = Math.fround(Math.fround(ms[i] * f1) + Math.fround(gi * r1));
        const vi = Math.fround(Math.fround(vs[i] * f2) + Math.fround(Math.fround(gi * gi) * r2));
        mo[i] = mi;
        vo[i] = vi;
        let d = vi;
        if (vMaxs !== undefined) vMaxo[i] = d = Math.max(vi, vMaxs[i]);
        // the store into the float32 output rounds the product as fround would (×1 is exact)
        us[i] = Math.fround(Math.fround(mi * s1) / Math.fround(Math.fround(Math.fround(Math.sqrt(d)) * s2) + e)) * c;
      }
    },
    float64(n, [gs, ms, vs, vMaxs], [us, mo, vo, vMaxo]) {
      const r1 = 1 - b1, r2 = 1 - b2, s1 = 1 / c1, s2 = 1 / c2, c = scale ?? 1;
      for (let i = 0; i < n; i++) {
        const gi = gs[i];
        const mi = ms[i] * b1 + gi * r1;
        const vi = vs[i] * b2 + gi * gi * r2;
        mo[i] = mi;
        vo[i] = vi;
        let d = vi;
        if (vMaxs !== undefined) vMaxo[i] = d = Math.max(vi, vMaxs[i]);
        us[i] = ((mi * s1) / (Math.sqrt(d) * s2 + eps)) * c;
      }
    },
  }, () => adamLeafOps(k, g, m, v, vMax), (fused, n, storage) => fused.adamF32?.(n, storage, { b1, r1: 1 - b1, b2, r2: 1 - b2, s1: 1 / c1, s2: 1 / c2, eps, scale }));
}

/**
 * One leaf's Adam step as a chain of tensor ops: [u, m, v] (and v_max with `vMax`). The reference the
 * fused loop is tested against, and what runs when it cannot (see `fusedLeafUpdate`).
 */
export function adamLeafOps({ b1, b2, eps, c1, c2, scale }: AdamConstants, g: Tensor, m: Tensor, v: Tensor, vMax?: Tensor): Tensor[] {
  const mNew = add(mul(m, b1), mul(g, 1 - b1));
  const vNew = add(mul(v, b2), mul(square(g), 1 - b2));
  const vMaxNew = vMax === undefined ? undefined : maximum(vNew, vMax);
  // NOTE: (m/c₁) / (√v/c₂ + ε), not √(v/c₂²) + ε rearranged: PyTorch's order of operations.
  const direction = div(mul(mNew, 1 / c1), add(mul(sqrt(vMaxNew ?? vNew), 1 / c2), eps));
  const u = scale === undefined ? direction : mul(direction, scale);
  return vMaxNew === undefined ? [u, mNew, vNew] : [u, mNew, vNew, vMaxNew];
}
