import { ValueError } from '@nn/tensor';
import type { BatchOrder } from './batch-order';

export interface EmphasisOrderOptions {
  /** No sample is drawn with probability above cap/N (cap × the uniform share); ≥ 1, default 5. */
  readonly cap?: number;
  /** Every sample keeps a weight of at least floor × the mean loss, so learned ones still come back; ≥ 0, default 0.1. */
  readonly floor?: number;
}

/**
 * Emphasizing scheme: each epoch draws N samples with replacement, sample i with probability
 * pᵢ ∝ max(ℓᵢ, floor·ℓ̄) (ℓᵢ its loss at the epoch's start, ℓ̄ the mean), capped at cap/N so that no
 * sample (an outlier, a mislabelled one) dominates; the mass the capped samples give up is spread
 * over the rest in proportion (see {@link emphasisProbabilities}). Needs the losses: `fit` measures
 * them before every epoch.
 * @see Y. LeCun, L. Bottou, G. Orr, K.-R. Müller, "Efficient BackProp", 1998, §4.2: present examples
 *   with large errors more often than those with small errors, and beware of outliers
 */
export function emphasisOrder(options: EmphasisOrderOptions = {}): BatchOrder {
  const { cap, floor } = emphasisOptions('emphasisOrder', options);
  return {
    kind: 'emphasis',
    needsLosses: true,
    indices(_epoch, rng, { n, losses }) {
      if (losses === undefined || losses.length !== n) {
        throw new ValueError('emphasisOrder', `needs the loss of each of the ${n} samples (ctx.losses), got ${losses === undefined ? 'none' : losses.length}`);
      }
      const p = emphasisProbabilities(losses, { cap, floor });
      // cumulative distribution, then one binary search per draw
      const cdf = new Float64Array(n);
      let s = 0;
      for (let i = 0; i < n; i++) cdf[i] = s += p[i];
      const out = new Int32Array(n);
      for (let d = 0; d < n; d++) {
        const u = rng.uniform() * s;
        let lo = 0;
        let hi = n - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (cdf[mid] > u) hi = mid;
          else lo = mid + 1;
        }
        out[d] = lo;
      }
      return out;
    },
  };
}

/**
 * The emphasizing scheme's probabilities: wᵢ = max(ℓᵢ, floor·ℓ̄), pᵢ = min(cap/N, λ·wᵢ) with λ set so
 * that Σ pᵢ = 1 (water-filling: cap the largest, rescale the rest, repeat). Equal (or all-zero)
 * losses give the uniform 1/N.
 */
export function emphasisProbabilities(losses: ArrayLike<number>, options: EmphasisOrderOptions = {}): Float64Array {
  const op = 'emphasisProbabilities';
  const { cap, floor } = emphasisOptions(op, options);
  const n = losses.length;
  if (n === 0) throw new ValueError(op, 'needs at least one loss, got none');
  let mean = 0;
  for (let i = 0; i < n; i++) {
    const l = losses[i];
    if (!(l >= 0) || !Number.isFinite(l)) throw new ValueError(op, `loss ${l} of sample ${i} is not finite and non-negative`);
    mean += l / n;
  }
  const p = new Float64Array(n);
  if (mean === 0) return p.fill(1 / n);
  const w = Float64Array.from({ length: n }, (_, i) => Math.max(losses[i], floor * mean));
  const limit = cap / n;
  const capped = new Uint8Array(n);
  // (1) repeatedly: spread what the uncapped share is owed over them by weight; cap any that exceed
  for (;;) {
    let free = 1;
    let weight = 0;
    for (let i = 0; i < n; i++) {
      if (capped[i]) free -= limit;
      else weight += w[i];
    }
    let changed = false;
    for (let i = 0; i < n; i++) {
      if (capped[i]) continue;
      p[i] = (free * w[i]) / weight;
      if (p[i] > limit) {
        capped[i] = 1;
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (let i = 0; i < n; i++) if (capped[i]) p[i] = limit;
  return p;
}

function emphasisOptions(op: string, { cap = 5, floor = 0.1 }: EmphasisOrderOptions): { cap: number; floor: number } {
  if (!(cap >= 1) || !Number.isFinite(cap)) throw new ValueError(op, `cap must be a finite number ≥ 1, got ${cap}`);
  if (!(floor >= 0) || !Number.isFinite(floor)) throw new ValueError(op, `floor must be a finite number ≥ 0, got ${floor}`);
  return { cap, floor };
}
