import { ValueError, fromTypedArray } from '@nn/tensor';
import type { Dataset } from '../dataset';
import { type SyntheticOptions, syntheticOptions } from './synthetic';

export interface CafeteriaBillsOptions extends SyntheticOptions {
  /** The true price of each item (coffee, juice, toast by default): [0.5, 1.5, 1.0]. */
  readonly prices?: readonly number[];
  /** Portions of each item are drawn uniformly from 1 … maxPortion. Default 4. */
  readonly maxPortion?: number;
}

/**
 * The course's cafeteria problem as data: each sample is one bill, x [N, items] the portions of each
 * item (uniform in 1 … maxPortion, drawn item by item with `rng.int`), y [N, 1] the total
 * Σᵢ priceᵢ·portionᵢ. A linear neuron y = x·w learns the prices by the delta rule.
 * @see B. Widrow, M. E. Hoff, "Adaptive switching circuits", IRE WESCON Convention Record, 1960
 */
export function cafeteriaBills(options: CafeteriaBillsOptions): Dataset & { readonly prices: readonly number[] } {
  const op = 'cafeteriaBills';
  const { n, rng, dtype } = syntheticOptions(op, options, 0);
  const { prices = [0.5, 1.5, 1.0], maxPortion = 4 } = options;
  if (!Array.isArray(prices) || prices.length === 0 || prices.some((p) => !Number.isFinite(p))) {
    throw new ValueError(op, `prices must be a non-empty array of finite numbers, got ${JSON.stringify(prices)}`);
  }
  if (!Number.isInteger(maxPortion) || maxPortion < 1) throw new ValueError(op, `maxPortion must be a positive integer, got ${maxPortion}`);
  const k = prices.length;
  const x = new Float64Array(n * k);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      x[i * k + j] = 1 + rng.int(maxPortion);
      y[i] += prices[j] * x[i * k + j];
    }
  }
  const as = (v: Float64Array) => (dtype === 'float64' ? v : Float32Array.from(v));
  return Object.freeze({ x: fromTypedArray(as(x), [n, k], dtype), y: fromTypedArray(as(y), [n, 1], dtype), prices: Object.freeze([...prices]) });
}
