import { TRAIN_SAMPLES } from './data';
import type { TrainPlan } from './plan';

/** One library's model with its optimizer and data, ready to train. */
export interface Trainer {
  /** One pass, shuffled by `seed`, over the first `count` training samples. */
  epoch(count: number, seed: number): Promise<void> | void;
  /** Accuracy on the test digits. */
  accuracy?(): number;
  dispose?(): void;
}

export interface TrainResult {
  readonly samplesPerSecond: number;
  readonly accuracy?: number;
  readonly detail: Readonly<Record<string, number>>;
}

/**
 * Warm-up pass, timed pass, then (with `accuracyEpochs`) more full epochs up to that many in all and
 * the test accuracy. The timed pass is wall-clock time around the library's own training call.
 */
export async function runTraining(trainer: Trainer, plan: TrainPlan): Promise<TrainResult> {
  try {
    await trainer.epoch(plan.warmup, 1);
    const start = performance.now();
    await trainer.epoch(plan.timed, 2);
    const ms = performance.now() - start;
    const detail: Record<string, number> = { warmupSamples: plan.warmup, timedSamples: plan.timed, timedMs: Math.round(ms) };
    if (plan.accuracyEpochs === 0 || trainer.accuracy === undefined) {
      return { samplesPerSecond: plan.timed / (ms / 1000), detail };
    }
    const done = Math.floor((plan.warmup + plan.timed) / TRAIN_SAMPLES);
    for (let e = done; e < plan.accuracyEpochs; e++) await trainer.epoch(TRAIN_SAMPLES, 3 + e);
    const epochs = Math.max(done, plan.accuracyEpochs);
    return { samplesPerSecond: plan.timed / (ms / 1000), accuracy: trainer.accuracy(), detail: { ...detail, accuracyEpochs: epochs } };
  } finally {
    trainer.dispose?.();
  }
}
