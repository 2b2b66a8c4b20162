import type { Dataset } from './dataset';
import { type SplitOptions, splitIndices } from './split-indices';
import { subset } from './subset';

export type TrainTestSplitOptions = SplitOptions & {
  /** The share of samples held out for testing, in [0, 1): round(testFraction·N) of them, at least 1 if > 0. */
  readonly testFraction: number;
};

/**
 * Splits the samples in two, shuffled by `rng` (the same seed, the same split) and with `stratify`
 * keeping each class's share in both parts. Extra fields of `ds` (a CSV's `classNames`) are kept.
 */
export function trainTestSplit<D extends Dataset>(ds: D, options: TrainTestSplitOptions): { train: D; test: D } {
  const [train, test] = splitIndices('trainTestSplit', ds, { testFraction: options?.testFraction }, options);
  return { train: subset(ds, train), test: subset(ds, test) };
}
