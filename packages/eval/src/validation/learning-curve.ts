import { ValueError, createRng } from '@nn/tensor';
import { type Estimate, type Split, checkSplit, estimate } from './cross-validate';

/** One point of a learning or validation curve: x, and the scores on the training and held-out samples. */
export interface CurvePoint<X = number> {
  readonly x: X;
  readonly train: Estimate;
  readonly test: Estimate;
}

export interface LearningCurveOptions<M> {
  readonly folds: readonly Split[];
  /** Training-set sizes: fractions in (0, 1) of each fold's training samples, or counts (integers ≥ 1). */
  readonly sizes: readonly number[];
  readonly fit: (train: Int32Array, fold: number) => M | Promise<M>;
  readonly score: (model: M, indices: Int32Array, fold: number) => number | Promise<number>;
  /** Seeds the order in which each fold's training samples are taken (nested subsets). Default 0. */
  readonly seed?: number;
}

/**
 * Training and held-out score against the number of training samples: for each fold, its training
 * indices are shuffled once and the first m of them train the model, for each m in `sizes` (so the
 * subsets are nested); the held-out fold is the same for every m. A gap that stays wide as m grows
 * means variance (more data would help); two high curves that meet mean bias.
 */
export async function learningCurve<M>(options: LearningCurveOptions<M>): Promise<CurvePoint[]> {
  const op = 'learningCurve';
  const { folds, sizes, fit, score, seed = 0 } = options;
  if (!Array.isArray(folds) || folds.length === 0) throw new ValueError(op, 'expected at least one fold, got none');
  if (!Array.isArray(sizes) || sizes.length === 0) throw new ValueError(op, 'expected at least one training-set size, got none');
  const rng = createRng(seed);
  const splits = folds.map((s, f) => {
    const { train, test } = checkSplit(op, s, f);
    return { train: rng.shuffle(train), test };
  });
  const points: CurvePoint[] = [];
  for (const size of sizes) {
    const train: number[] = [];
    const test: number[] = [];
    let m = 0;
    for (let f = 0; f < splits.length; f++) {
      const n = splits[f].train.length;
      m = size > 0 && size < 1 ? Math.max(1, Math.round(size * n)) : size;
      if (!Number.isInteger(m) || m < 1 || m > n) {
        throw new ValueError(op, `training-set size ${size} does not fit fold ${f}, which has ${n} training samples (give a count 1 … ${n} or a fraction in (0, 1))`);
      }
      const idx = splits[f].train.slice(0, m).sort();
      const model = await fit(idx, f);
      train.push(await score(model, idx, f));
      test.push(await score(model, splits[f].test, f));
    }
    points.push({ x: m, train: estimate(train), test: estimate(test) });
  }
  return points;
}
