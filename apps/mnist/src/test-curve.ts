import { type Dataset, type Loss, type Metric, type TrainingCallback, evaluate } from '@nn/core';

/** The test set's loss and error rate after one epoch. */
export interface TestPoint {
  readonly epoch: number;
  readonly loss: number;
  readonly errorRate: number;
}

export interface ObserveTestSetOptions {
  readonly loss: Loss;
  /** The fraction classified right, e.g. `accuracy` from @nn/eval. */
  readonly accuracy: Metric;
  /** Where the per-epoch line goes. Default console.log. */
  readonly log?: (line: string) => void;
}

/**
 * A training callback that evaluates the test set after every epoch only to draw the curves. Its
 * figures are named "test" everywhere (the progress line, the charts, summary.json) and never
 * "validation", because nothing may be chosen by them: training never reads them (no early stopping,
 * no schedule, no model selection). The points are collected in `points`.
 */
export function observeTestSet(test: Dataset, { loss, accuracy, log = console.log }: ObserveTestSetOptions): TrainingCallback & { readonly points: TestPoint[] } {
  const points: TestPoint[] = [];
  return {
    points,
    onEpochEnd({ epoch }, { model }) {
      const result = evaluate(model, test, { loss, metrics: { accuracy }, batchSize: 256 });
      const point = { epoch, loss: result.loss, errorRate: 1 - result.metrics.accuracy };
      points.push(point);
      log(`  test (observed only, never trained on): loss ${point.loss.toFixed(4)}  error ${(100 * point.errorRate).toFixed(2)} %`);
    },
  };
}
