import { DTypeError, ValueError } from '@nn/tensor';
import type { Rng } from '@nn/tensor';
import type { Dataset } from './dataset';

/** How a split orders and groups samples; shuffling needs a seeded generator. */
export type SplitOptions = {
  /** Keep each class's share of the samples in every part (needs int32 class labels y: [N]). Default false. */
  readonly stratify?: boolean;
} & (
  | {
      /** Shuffle before splitting (default true). Without it the parts are consecutive: train first, test last. */
      readonly shuffle?: true;
      /** The generator that shuffles: the same seed gives the same split. */
      readonly rng: Rng;
    }
  | { readonly shuffle: false; readonly rng?: Rng }
);

/**
 * Sample indices of the parts [train, …named parts], the named parts taking `fractions` of the samples
 * (round(f·n), at least 1 when f > 0) and train the rest. Unshuffled parts keep the data's order, the
 * named parts coming last; shuffled parts are in random order.
 */
export function splitIndices(op: string, ds: Dataset, fractions: Readonly<Record<string, number>>, options: SplitOptions): Int32Array[] {
  const { stratify = false, shuffle = true, rng } = (options ?? {}) as { stratify?: boolean; shuffle?: boolean; rng?: Rng };
  const n = ds.x.shape[0];
  const names = Object.keys(fractions);
  let sum = 0;
  const sizes = names.map((name) => {
    const f = fractions[name];
    if (typeof f !== 'number' || !(f >= 0 && f < 1)) throw new ValueError(op, `${name} must be a fraction in [0, 1), got ${f}`);
    sum += f;
    return f > 0 ? Math.max(1, Math.round(f * n)) : 0;
  });
  const rest = n - sizes.reduce((a, b) => a + b, 0);
  if (sum >= 1 || rest < 1) {
    const parts = names.map((name, i) => `${name} ${fractions[name]} (${plural(sizes[i])})`).join(' and ');
    throw new ValueError(op, `${parts} of ${plural(n)} leave none for training`);
  }
  if (shuffle && typeof rng?.permutation !== 'function') {
    throw new ValueError(op, 'shuffling needs an rng: pass { rng: createRng(seed) }, or { shuffle: false }');
  }
  const generator = shuffle ? rng : undefined;
  return stratify ? stratifiedParts(op, ds, [rest, ...sizes], generator) : plainParts(n, [rest, ...sizes], generator);
}

function plainParts(n: number, sizes: readonly number[], rng: Rng | undefined): Int32Array[] {
  const order = rng ? rng.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
  const parts: Int32Array[] = [];
  let start = 0;
  for (const size of sizes) {
    parts.push(order.slice(start, start + size));
    start += size;
  }
  return parts;
}

/** Each class split in the same proportions, the part totals still exact (largest remainders). */
function stratifiedParts(op: string, ds: Dataset, sizes: readonly number[], rng: Rng | undefined): Int32Array[] {
  const { y } = ds;
  if (y.dtype !== 'int32' || y.rank !== 1) {
    throw new DTypeError(op, `stratify needs int32 class labels y of shape [N], got ${y.dtype} of shape [${y.shape.join(',')}]`);
  }
  // (1) the samples of each class, in data order (shuffled when rng is given)
  const labels = y.dataSync();
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const group = byClass.get(labels[i]);
    if (group) group.push(i);
    else byClass.set(labels[i], [i]);
  }
  const groups = [...byClass.keys()].sort((a, b) => a - b).map((c) => byClass.get(c)!);
  if (rng) groups.forEach((g) => rng.shuffle(g));
  // (2) counts per class for each part but train, last part first; train keeps what is left
  const classSizes = groups.map((g) => g.length);
  const left = [...classSizes];
  const counts: number[][] = [];
  for (let k = sizes.length - 1; k >= 1; k--) {
    counts[k] = largestRemainder(classSizes, left, sizes[k]);
    counts[k].forEach((c, i) => (left[i] -= c));
  }
  counts[0] = left;
  // (3) cut each class's list: train first, the last part at the end
  const parts = sizes.map(() => [] as number[]);
  groups.forEach((g, i) => {
    let start = 0;
    for (let k = 0; k < sizes.length; k++) {
      for (let j = start; j < start + counts[k][i]; j++) parts[k].push(g[j]);
      start += counts[k][i];
    }
  });
  return parts.map((p) => {
    const a = Int32Array.from(p);
    return rng ? rng.shuffle(a) : a.sort();
  });
}

/**
 * Integer shares of `total` proportional to `weights`, none above `available`: floor of each quota,
 * then one more to the largest fractional parts (ties to the earlier class). Hamilton's method.
 */
export function largestRemainder(weights: readonly number[], available: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const quota = weights.map((w) => (sum === 0 ? 0 : (total * w) / sum));
  const counts = quota.map((q, i) => Math.min(Math.floor(q), available[i]));
  let missing = total - counts.reduce((a, b) => a + b, 0);
  const order = quota.map((_, i) => i).sort((a, b) => quota[b] - counts[b] - (quota[a] - counts[a]) || a - b);
  while (missing > 0) {
    let gave = false;
    for (const i of order) {
      if (missing === 0) break;
      if (counts[i] < available[i]) {
        counts[i]++;
        missing--;
        gave = true;
      }
    }
    if (!gave) throw new Error(`largestRemainder: ${total} does not fit in ${available.join('+')}`);
  }
  return counts;
}

function plural(n: number): string {
  return n === 1 ? '1 sample' : `${n} samples`;
}
