import { type GradientTransformation, type Params, type Tensor, add, div, mapTree, mul, sqrt, square, sub, zerosLike } from '@nn/tensor';
import { checkNumber, checkState } from './check';
import { fusedLeafUpdate, mapTreeMulti } from './fused-leaf-update';

export interface ScaleByRmsOptions {
  /** α, the decay of the mean square, in [0, 1). Default 0.99, as PyTorch. */
  readonly alpha?: number;
  /** ε (> 0), added to the root mean square (or inside the root with `epsInsideSqrt`). Default 1e-8. */
  readonly eps?: number;
  /** Divide by an estimate of the standard deviation, √(E[g²] − E[g]²), instead of the root mean square. Default false. */
  readonly centered?: boolean;
  /** √(E[g²] + ε) as TensorFlow and Hinton's slides, instead of PyTorch's √E[g²] + ε. Default false. */
  readonly epsInsideSqrt?: boolean;
}

/** The running mean square of the gradient, and its running mean (centered only, else null). */
export interface ScaleByRmsState {
  readonly meanSquare: Params;
  readonly mean: Params | null;
}

/**
 * s ← α·s + (1 − α)·g², u = g/(√s + ε): divides each gradient by a running root mean square of
 * its recent values, so every weight moves at a similar pace whatever its gradient's scale; with
 * `centered`, m ← α·m + (1 − α)·g and u = g/(√(s − m²) + ε). PyTorch's `torch.optim.RMSprop` before its
 * rate (and momentum): s starts at 0, ε outside the root unless `epsInsideSqrt`.
 * @see Tieleman, Hinton (2012), "Lecture 6.5 — rmsprop: divide the gradient by a running average of its recent magnitude".
 * @see Graves (2013), "Generating sequences with recurrent neural networks" (the centered variant).
 */
export function scaleByRms({ alpha = 0.99, eps = 1e-8, centered = false, epsInsideSqrt = false }: ScaleByRmsOptions = {}): GradientTransformation<ScaleByRmsState> {
  const op = 'scaleByRms';
  checkNumber(op, 'alpha', alpha, { min: 0, max: 1, maxOpen: true });
  checkNumber(op, 'eps', eps, { min: 0, minOpen: true });
  return {
    retainsOnlyState: true,
    init: (params) => ({ meanSquare: mapTree(zerosLike, params), mean: centered ? mapTree(zerosLike, params) : null }),
    update(grads, state) {
      checkState(op, state, ['meanSquare', 'mean']);
      const k: RmsConstants = { alpha, eps, epsInsideSqrt };
      const trees = centered
        ? mapTreeMulti(3, (g, s, m) => rmsLeaf(k, g, s, m), grads, state.meanSquare, state.mean ?? grads)
        : mapTreeMulti(2, (g, s) => rmsLeaf(k, g, s), grads, state.meanSquare);
      return [trees[0] as typeof grads, { meanSquare: trees[1], mean: centered ? trees[2] : null }];
    },
  };
}

/** RMSprop's scalars: the decay α, ε and where ε goes. */
export interface RmsConstants {
  readonly alpha: number;
  readonly eps: number;
  readonly epsInsideSqrt: boolean;
}

/** One leaf's RMSprop step in one pass: [u, s] (and the mean m with `mean`), equal bit for bit to {@link rmsLeafOps}. */
export function rmsLeaf(k: RmsConstants, g: Tensor, meanSquare: Tensor, mean?: Tensor): Tensor[] {
  const inputs = mean === undefined ? [g, meanSquare] : [g, meanSquare, mean];
  const { alpha, eps, epsInsideSqrt } = k;
  return fusedLeafUpdate(inputs, inputs.length, {
    float32(n, [gs, ss, ms], [us, so, mo]) {
      const a = Math.fround(alpha), rest = Math.fround(1 - alpha), e = Math.fround(eps);
      for (let i = 0; i < n; i++) {
        const gi = gs[i];
        const si = Math.fround(Math.fround(ss[i] * a) + Math.fround(Math.fround(gi * gi) * rest));
        so[i] = si;
        let variance = si;
        if (ms !== undefined) {
          const mi = Math.fround(Math.fround(ms[i] * a) + Math.fround(gi * rest));
          mo[i] = mi;
          variance = Math.fround(si - Math.fround(mi * mi));
        }
        const root = epsInsideSqrt ? Math.fround(Math.sqrt(Math.fround(variance + e))) : Math.fround(Math.fround(Math.sqrt(variance)) + e);
        us[i] = gi / root; // the float32 store rounds
      }
    },
    float64(n, [gs, ss, ms], [us, so, mo]) {
      const rest = 1 - alpha;
      for (let i = 0; i < n; i++) {
        const gi = gs[i];
        const si = ss[i] * alpha + gi * gi * rest;
        so[i] = si;
        let variance = si;
        if (ms !== undefined) {
          const mi = ms[i] * alpha + gi * rest;
          mo[i] = mi;
          variance = si - mi * mi;
        }
        us[i] = gi / (epsInsideSqrt ? Math.sqrt(variance + eps) : Math.sqrt(variance) + eps);
      }
    },
  }, () => rmsLeafOps(k, g, meanSquare, mean), (fused, n, storage) => fused.rmsF32?.(n, storage, { alpha, rest: 1 - alpha, eps, centered: mean !== undefined, epsInsideSqrt }));
}

/**
 * One leaf's RMSprop step as a chain of tensor ops: [u, s] (and m with `mean`). The reference the
 * fused loop is tested against, and what runs when it cannot (see `fusedLeafUpdate`).
 */
export function rmsLeafOps({ alpha, eps, epsInsideSqrt }: RmsConstants, g: Tensor, meanSquare: Tensor, mean?: Tensor): Tensor[] {
  const s = add(mul(meanSquare, alpha), mul(square(g), 1 - alpha));
  const m = mean === undefined ? undefined : add(mul(mean, alpha), mul(g, 1 - alpha));
  const variance = m === undefined ? s : sub(s, square(m));
  const u = div(g, epsInsideSqrt ? sqrt(add(variance, eps)) : add(sqrt(variance), eps));
  return m === undefined ? [u, s] : [u, s, m];
}
