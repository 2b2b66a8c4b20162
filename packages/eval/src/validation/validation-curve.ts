import { ValueError } from '@nn/tensor';
import { type Split, checkSplit, estimate } from './cross-validate';
import type { CurvePoint } from './learning-curve';

export interface ValidationCurveOptions<M, V> {
  readonly folds: readonly Split[];
  /** The values of the one hyper-parameter to sweep (a weight decay, a width, a number of epochs…). */
  readonly values: readonly V[];
  readonly fit: (train: Int32Array, value: V, fold: number) => M | Promise<M>;
  readonly score: (model: M, indices: Int32Array, fold: number) => number | Promise<number>;
}

/**
 * Cross-validated training and held-out score against one hyper-parameter: for each value, a model
 * per fold trained on the fold's training indices. Training error falls as capacity grows while the
 * held-out error turns back up where the model starts to overfit; pick the value at its minimum.
 */
export async function validationCurve<M, V>(options: ValidationCurveOptions<M, V>): Promise<CurvePoint<V>[]> {
  const op = 'validationCurve';
  const { folds, values, fit, score } = options;
  if (!Array.isArray(folds) || folds.length === 0) throw new ValueError(op, 'expected at least one fold, got none');
  if (!Array.isArray(values) || values.length === 0) throw new ValueError(op, 'expected at least one value, got none');
  const splits = folds.map((s, f) => checkSplit(op, s, f));
  const points: CurvePoint<V>[] = [];
  for (const value of values) {
    const train: number[] = [];
    const test: number[] = [];
    for (let f = 0; f < splits.length; f++) {
      const model = await fit(splits[f].train.slice(), value, f);
      train.push(await score(model, splits[f].train.slice(), f));
      test.push(await score(model, splits[f].test.slice(), f));
    }
    points.push({ x: value, train: estimate(train), test: estimate(test) });
  }
  return points;
}
