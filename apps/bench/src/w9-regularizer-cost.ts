import {
  type Dataset, type Layer, type Tensor, activation, applyUpdates, createRng, dense, dropout, gaussianNoise, sequential, sgd, slice,
  softmaxCrossEntropy, stage, tidy, valueAndGrad, weightNoise,
} from '@nn/core';
import { type Context, type Contender, attemptTogether, withNnBackend } from './context';
import { TRAIN_SAMPLES, nnDataset } from './data';
import type { Measurement } from './measure';
import { MLP_PARAMS } from './models';
import type { Figure } from './table';
import { mlpTrainGflops } from './w2-mlp';

const CASE = 'MLP 784-256-10 step, batch 64';
const BATCH = 64;

/** A variant of the W2 network: its name, and how to build it with a seeded generator. */
export interface RegularizedVariant {
  readonly name: string;
  readonly make: (seed: number) => Layer;
}

/** The plain W2 network first: every other variant is compared with it. */
export const VARIANTS: readonly RegularizedVariant[] = [
  { name: 'plain', make: (seed) => { const rng = createRng(seed); return sequential(dense(784, 256, { rng }), activation('relu'), dense(256, 10, { rng })); } },
  { name: 'dropout 0.5 (hidden)', make: (seed) => { const rng = createRng(seed); return sequential(dense(784, 256, { rng }), activation('relu'), dropout(0.5), dense(256, 10, { rng })); } },
  { name: 'dropout 0.2 (inputs) + 0.5', make: (seed) => { const rng = createRng(seed); return sequential(dropout(0.2), dense(784, 256, { rng }), activation('relu'), dropout(0.5), dense(256, 10, { rng })); } },
  { name: 'gaussian noise 0.1 (hidden)', make: (seed) => { const rng = createRng(seed); return sequential(dense(784, 256, { rng }), activation('relu'), gaussianNoise(0.1), dense(256, 10, { rng })); } },
  // a dense layer's default: fresh weights for every example (the local reparameterization)
  { name: 'weight noise 0.01', make: (seed) => { const rng = createRng(seed); return sequential(weightNoise(dense(784, 256, { rng }), 0.01), activation('relu'), weightNoise(dense(256, 10, { rng }), 0.01)); } },
  { name: 'weight noise 0.01, one draw per pass', make: (seed) => { const rng = createRng(seed); return sequential(weightNoise(dense(784, 256, { rng }), 0.01, { resample: 'pass' }), activation('relu'), weightNoise(dense(256, 10, { rng }), 0.01, { resample: 'pass' })); } },
];

/** Each variant's note: ms per step and the extra time over the plain network's step (goal: ≤ 10 % for dropout and noise). */
export function overheadNotes(stepMs: readonly (number | undefined)[]): string[] {
  return stepMs.map((ms, i) => {
    if (ms === undefined) return '';
    const base = stepMs[0];
    const extra = i === 0 || base === undefined ? '' : `, ${ms >= base ? '+' : '−'}${Math.abs((100 * (ms - base)) / base).toFixed(1)} % over plain`;
    return `${ms.toFixed(2)} ms/step${extra}`;
  });
}

/**
 * W9: what dropout and noise layers cost in training. The W2 network (784-256-10) takes training
 * steps on batches of 64 of the 8,000 digits (forward with `{ training: true, rng }`, backward, SGD
 * update, in one `tidy` as `fit` does), plain and with a dropout layer on the hidden units, dropout on
 * the inputs too, Gaussian noise on the hidden units, or weight noise on both layers (per example, a dense layer's default, and one draw per pass) — one model each,
 * timed interleaved step by step on each @nn backend (the timing budget of W7's groups). Figures:
 * samples/s; the note gives ms per step and the extra over the plain network's step.
 */
export async function runW9(ctx: Context): Promise<Figure[]> {
  const data = await ctx.data();
  const { minMs, minRuns } = ctx.plan.optimizerStep;
  const figures: Figure[] = [];
  for (const b of ctx.nnBackends) {
    const rows = VARIANTS.map((v) => ({ workload: 'W9' as const, case: CASE, library: '@nn', backend: `${b.name} · ${v.name}`, ours: true }));
    const steps = await withNnBackend(b, async () => {
      const set = nnDataset(data.xTrain, data.yTrain, TRAIN_SAMPLES);
      const batches = Array.from({ length: Math.floor(TRAIN_SAMPLES / BATCH) }, (_, i) => batchOf(set, i));
      const contenders: Contender[] = VARIANTS.map((v, i) => ({ row: rows[i], setup: async () => ({ run: trainingStep(v.make(1), batches) }) }));
      const toFigure = (m: Measurement) => ({
        samplesPerSecond: (BATCH * 1000) / m.medianMs,
        gflops: mlpTrainGflops((BATCH * 1000) / m.medianMs),
        detail: { medianMs: m.medianMs, runs: m.runs, batch: BATCH, params: MLP_PARAMS },
      });
      return attemptTogether(ctx, contenders, { warmup: 3, minMs, minRuns }, toFigure);
    });
    const notes = overheadNotes(steps.map((f) => f.detail?.medianMs as number | undefined));
    steps.forEach((f, i) => figures.push(f.samplesPerSecond === undefined ? f : { ...f, note: notes[i] }));
  }
  return figures;
}

function batchOf(set: Dataset, i: number): { x: Tensor; y: Tensor } {
  return { x: slice(set.x, [i * BATCH], [BATCH]), y: slice(set.y, [i * BATCH], [BATCH]) };
}

/** One SGD training step per call, as fit takes it (training mode, a seeded generator, the batch staged), on the next batch in turn. */
function trainingStep(model: Layer, batches: readonly { x: Tensor; y: Tensor }[]): () => void {
  const optimizer = sgd(0.05);
  const rng = createRng(2);
  let state = optimizer.init(model.params);
  let next = 0;
  return () => {
    const { x, y } = batches[next++ % batches.length];
    tidy(() => {
      const { grads } = valueAndGrad(() => softmaxCrossEntropy(model.forward(stage(x), { training: true, rng }), y), model.params);
      const [updates, nextState] = optimizer.update(grads, state, model.params);
      applyUpdates(model.params, updates);
      state = nextState;
      return [model.params, state];
    });
  };
}
