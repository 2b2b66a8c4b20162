import type { Dataset } from '../dataset';
import { ValueError } from '@nn/tensor';
import { type SyntheticOptions, labelled, syntheticOptions } from './synthetic';

export interface LinearlySeparableOptions extends SyntheticOptions {
  /** Input dimension D ≥ 1. Default 2. */
  readonly features?: number;
  /** No sample lies closer than this to the separating plane; in [0, 1). Default 0.1. */
  readonly margin?: number;
}

/**
 * A linearly separable problem with a guaranteed margin: a random unit normal w and offset
 * b ∈ [−0.25, 0.25]; points uniform in [−1, 1]ᴰ, those with |w·x + b| < margin redrawn; label 1 where
 * w·x + b > 0, else 0. The perceptron convergence theorem applies: at most (R/margin)² mistakes.
 * Returns the plane too, `{ …dataset, w, b }`.
 * @see F. Rosenblatt, "The perceptron", Psychological Review 65(6), 1958; A. Novikoff, 1962 (the bound)
 */
export function linearlySeparable(options: LinearlySeparableOptions): Dataset & { readonly w: readonly number[]; readonly b: number } {
  const op = 'linearlySeparable';
  const { n, rng, dtype } = syntheticOptions(op, options);
  const { features = 2, margin = 0.1 } = options;
  if (!Number.isInteger(features) || features < 1) throw new ValueError(op, `features must be a positive integer, got ${features}`);
  if (!(margin >= 0 && margin < 1)) throw new ValueError(op, `margin must be in [0, 1), got ${margin}`);
  const d = features;
  const w = Array.from({ length: d }, () => rng.normal());
  const norm = Math.hypot(...w);
  for (let j = 0; j < d; j++) w[j] /= norm;
  const b = rng.uniformRange(-0.25, 0.25);
  const x = new Float64Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let s: number;
    do {
      s = b;
      for (let j = 0; j < d; j++) s += w[j] * (x[i * d + j] = rng.uniformRange(-1, 1));
    } while (Math.abs(s) < margin);
    y[i] = s > 0 ? 1 : 0;
  }
  return Object.freeze({ ...labelled(x, y, d, dtype), w: Object.freeze(w), b });
}
