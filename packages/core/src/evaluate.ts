import type { Dataset } from '@nn/data';
import { type Layer, type Loss, type Tensor, NnError, noGrad, slice, tidy } from '@nn/tensor';

/** A metric: (prediction, target) → a number averaged over the batch, e.g. accuracy from @nn/eval. */
export type Metric = (prediction: Tensor, target: Tensor) => number;

export interface EvaluateOptions {
  readonly loss?: Loss;
  readonly metrics?: Readonly<Record<string, Metric>>;
  /** Samples per forward pass; only memory depends on it. Default 256. */
  readonly batchSize?: number;
}

export interface Evaluation {
  /** The loss averaged over samples (NaN when no loss was given). */
  readonly loss: number;
  readonly metrics: Readonly<Record<string, number>>;
}

/** Loss and metrics of `model` on `data` in inference mode (no dropout, no noise, no gradients). */
export function evaluate(model: Layer, data: Dataset, { loss, metrics = {}, batchSize = 256 }: EvaluateOptions = {}): Evaluation {
  const n = data.x.shape[0];
  if (n !== data.y.shape[0]) throw new NnError('evaluate', `x has ${n} samples but y has ${data.y.shape[0]}`);
  if (n === 0) throw new NnError('evaluate', 'the data set is empty');
  const names = Object.keys(metrics);
  let lossSum = 0;
  const sums: Record<string, number> = Object.fromEntries(names.map((k) => [k, 0]));
  noGrad(() => {
    for (let begin = 0; begin < n; begin += batchSize) {
      const count = Math.min(batchSize, n - begin);
      // NOTE: one scope per batch, so the backend reuses the batch's memory for the next one.
      tidy(() => {
        const x = slice(data.x, [begin], [count]);
        const y = slice(data.y, [begin], [count]);
        const prediction = model.forward(x, { training: false });
        if (loss !== undefined) lossSum += loss(prediction, y).item() * count;
        for (const k of names) sums[k] += metrics[k](prediction, y) * count;
      });
    }
  });
  return {
    loss: loss === undefined ? NaN : lossSum / n,
    metrics: Object.fromEntries(names.map((k) => [k, sums[k] / n])),
  };
}
