import { type GradientTransformation, type Params, add, div, mapTree, mul, sqrt, square, sub, zerosLike } from '@nn/tensor';
import { checkNumber, checkState } from './check';

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
    init: (params) => ({ meanSquare: mapTree(zerosLike, params), mean: centered ? mapTree(zerosLike, params) : null }),
    update(grads, state) {
      checkState(op, state, ['meanSquare', 'mean']);
      const meanSquare = mapTree((g, s) => add(mul(s, alpha), mul(square(g), 1 - alpha)), grads, state.meanSquare);
      const mean = centered ? mapTree((g, m) => add(mul(m, alpha), mul(g, 1 - alpha)), grads, state.mean ?? grads) : null;
      const variance = mean === null ? meanSquare : mapTree((s, m) => sub(s, square(m)), meanSquare, mean);
      const updates = mapTree((g, v) => div(g, epsInsideSqrt ? sqrt(add(v, eps)) : add(sqrt(v), eps)), grads, variance);
      return [updates, { meanSquare, mean }];
    },
  };
}
