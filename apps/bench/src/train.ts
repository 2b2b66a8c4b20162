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

/**
 * Trainers timed in turn, round after round (who goes first rotates), after one warm-up pass of each:
 * each round every trainer runs one pass of its plan's `timed` samples (seeds 2, 3, …), and its figure
 * is the median samples/s over the `rounds` rounds. Interleaved, a slow spell of the shared machine
 * hits every trainer alike, where one pass of each in turn lets it land on one of them: W3's @nn pass
 * takes ~0.2 s and ConvNetJS's ~3 s, and this VM's speed moves by half within seconds. Then, as
 * `runTraining`, a trainer whose plan asks for `accuracyEpochs` trains on to that many epochs in all
 * (counting the samples of its timed passes) and gives its test accuracy.
 */
export async function runTrainingTogether(
  entries: readonly { readonly trainer: Trainer; readonly plan: TrainPlan }[],
  { rounds, now = () => performance.now() }: { readonly rounds: number; readonly now?: () => number },
): Promise<TrainResult[]> {
  try {
    for (const { trainer, plan } of entries) await trainer.epoch(plan.warmup, 1);
    const rates = entries.map(() => [] as number[]);
    for (let round = 0; round < rounds; round++) {
      for (let j = 0; j < entries.length; j++) {
        const i = (round + j) % entries.length;
        const { trainer, plan } = entries[i];
        const start = now();
        await trainer.epoch(plan.timed, 2 + round);
        rates[i].push(plan.timed / ((now() - start) / 1000));
      }
    }
    const results: TrainResult[] = [];
    for (const [i, { trainer, plan }] of entries.entries()) {
      const detail = { warmupSamples: plan.warmup, timedSamples: plan.timed, rounds, interleaved: entries.length > 1 ? 1 : 0 };
      const samplesPerSecond = medianOf(rates[i]);
      if (plan.accuracyEpochs === 0 || trainer.accuracy === undefined) {
        results.push({ samplesPerSecond, detail });
        continue;
      }
      const done = Math.floor((plan.warmup + rounds * plan.timed) / TRAIN_SAMPLES);
      for (let e = done; e < plan.accuracyEpochs; e++) await trainer.epoch(TRAIN_SAMPLES, 2 + rounds + e);
      results.push({ samplesPerSecond, accuracy: trainer.accuracy(), detail: { ...detail, accuracyEpochs: Math.max(done, plan.accuracyEpochs) } });
    }
    return results;
  } finally {
    for (const { trainer } of entries) trainer.dispose?.();
  }
}

/** The middle value (of two, the mean). */
function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
