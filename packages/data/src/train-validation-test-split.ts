import type { Dataset } from './dataset';
import { type SplitOptions, splitIndices } from './split-indices';
import { subset } from './subset';

export type TrainValidationTestSplitOptions = SplitOptions & {
  /** The share of samples for validation (model selection, early stopping), in [0, 1). */
  readonly validationFraction: number;
  /** The share of samples held out for the final test, in [0, 1). */
  readonly testFraction: number;
};

/**
 * Splits the samples in three: round(f·N) each for validation and test (at least 1 if f > 0), the rest
 * for training; shuffled by `rng`, stratified on request, as {@link trainTestSplit}.
 */
export function trainValidationTestSplit<D extends Dataset>(ds: D, options: TrainValidationTestSplitOptions): { train: D; validation: D; test: D } {
  const [train, validation, test] = splitIndices(
    'trainValidationTestSplit',
    ds,
    { validationFraction: options?.validationFraction, testFraction: options?.testFraction },
    options,
  );
  return { train: subset(ds, train), validation: subset(ds, validation), test: subset(ds, test) };
}
