import { ValueError } from '@nn/tensor';

/** One split: indices to train on and held-out indices to score on (`outOfBag` is read for bootstrap samples). */
export interface Split {
  readonly train: ArrayLike<number>;
  readonly test?: ArrayLike<number>;
  readonly outOfBag?: ArrayLike<number>;
}

/** Mean, spread and the values themselves of k estimates. */
export interface Estimate {
  readonly scores: number[];
  readonly mean: number;
  /** Sample standard deviation (k − 1 in the denominator); 0 for a single score. */
  readonly std: number;
  /**
   * std / √k. NOTE: optimistic for cross-validation: the folds share training samples, so the k
   * scores are correlated and no unbiased estimate of the mean's variance exists (Bengio & Grandvalet, 2004).
   */
  readonly standardError: number;
}

export interface CrossValidateOptions<M> {
  /** The splits, e.g. `kFold(ds, { k: 5, rng })` or `stratifiedKFold` from @nn/data. */
  readonly folds: readonly Split[];
  /**
   * Trains a model on the training indices only — fit any preprocessing (standardization, PCA) here
   * too, on those samples, so that nothing of the held-out fold leaks into the model.
   */
  readonly fit: (train: Int32Array, fold: number) => M | Promise<M>;
  /** Scores the model on the given indices (an error rate, a loss, an accuracy…). */
  readonly score: (model: M, indices: Int32Array, fold: number) => number | Promise<number>;
  /** Also score each model on its own training indices (the training error, for learning curves). Default false. */
  readonly trainScore?: boolean;
}

export interface CrossValidationResult extends Estimate {
  /** The scores on the training folds, when `trainScore` was set. */
  readonly train?: Estimate;
}

/** The mean, sample standard deviation and standard error of `scores`. */
export function estimate(scores: readonly number[]): Estimate {
  const k = scores.length;
  const mean = scores.reduce((a, b) => a + b, 0) / k;
  const std = k < 2 ? 0 : Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1));
  return { scores: [...scores], mean, std, standardError: std / Math.sqrt(k) };
}

/**
 * k-fold cross-validation: for each split, `fit` on its training indices and `score` on its held-out
 * ones; returns the k scores, their mean (the estimate of the error of a model trained on
 * (k−1)/k of the data) and their spread. The caller's `fit` sees only the training fold, so
 * preprocessing refit inside it cannot leak the test fold.
 * @see M. Stone, "Cross-validatory choice and assessment of statistical predictions", JRSS B 36(2), 1974
 * @see Y. Bengio, Y. Grandvalet, "No unbiased estimator of the variance of k-fold cross-validation", JMLR 5, 2004
 */
export async function crossValidate<M>(options: CrossValidateOptions<M>): Promise<CrossValidationResult> {
  const op = 'crossValidate';
  const { folds, fit, score, trainScore = false } = options;
  if (!Array.isArray(folds) || folds.length === 0) throw new ValueError(op, 'expected at least one fold, got none');
  if (typeof fit !== 'function' || typeof score !== 'function') throw new ValueError(op, 'expected fit and score functions');
  const test: number[] = [];
  const train: number[] = [];
  for (let f = 0; f < folds.length; f++) {
    const { train: trainIdx, test: heldOut } = checkSplit(op, folds[f], f);
    const model = await fit(trainIdx, f);
    test.push(checkScore(op, await score(model, heldOut, f), f, 'test'));
    if (trainScore) train.push(checkScore(op, await score(model, trainIdx, f), f, 'training'));
  }
  return trainScore ? { ...estimate(test), train: estimate(train) } : estimate(test);
}

/** The split's indices as fresh Int32Arrays (the caller's folds are never handed out to be mutated). */
export function checkSplit(op: string, split: Split, f: number): { train: Int32Array; test: Int32Array } {
  const heldOut = split?.test ?? split?.outOfBag;
  if (split?.train === undefined || heldOut === undefined) throw new ValueError(op, `fold ${f} needs train and test (or outOfBag) indices`);
  if (split.train.length === 0 || heldOut.length === 0) {
    throw new ValueError(op, `fold ${f} has ${split.train.length} training and ${heldOut.length} test samples; both must be non-empty`);
  }
  return { train: Int32Array.from(split.train), test: Int32Array.from(heldOut) };
}

function checkScore(op: string, s: number, f: number, what: string): number {
  if (typeof s !== 'number' || Number.isNaN(s)) throw new ValueError(op, `score on the ${what} indices of fold ${f} is ${String(s)}, expected a number`);
  return s;
}
