import {
  type Dataset, type GradientTransformation, type Layer, type Params, type Tensor, adam, applyUpdates, createRng, disposeSupersededState, rmsprop, sgd, slice,
  softmaxCrossEntropy, stage, tidy, valueAndGrad,
} from '@nn/core';
import { type Context, type Contender, attemptTogether, withNnBackend } from './context';
import { TRAIN_SAMPLES, nnDataset } from './data';
import type { Measurement } from './measure';
import { MLP_PARAMS, nnMlp } from './models';
import type { Figure } from './table';
import { mlpTrainGflops } from './w2-mlp';

const CASE = 'MLP 784-256-10 step, batch 64';
const BATCH = 64;

/** SGD first: every other step is compared with its. */
export const STEP_OPTIMIZERS: readonly { readonly name: string; readonly make: () => GradientTransformation<any> }[] = [
  { name: 'sgd 0.05', make: () => sgd(0.05) },
  { name: 'momentum 0.9', make: () => sgd(0.05, { momentum: 0.9 }) },
  { name: 'adam 1e-3', make: () => adam(1e-3) },
  { name: 'rmsprop 1e-3', make: () => rmsprop(1e-3) },
];

/** `a ÷ b` as '1.07×', or '' when either is missing. */
export function timesOf(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined || !(a > 0) || !(b > 0) ? '' : `${(a / b).toFixed(2)}×`;
}

/**
 * The note of each optimizer's row: its step's time over SGD's (the goal: Adam ≤ 1.15×), and the
 * update alone (`optimizer.update` + `applyUpdates` over the 203,530 parameters) in ms and over SGD's.
 */
export function stepNotes(stepMs: readonly (number | undefined)[], updateMs: readonly (number | undefined)[]): string[] {
  return stepMs.map((ms, i) => {
    if (ms === undefined) return '';
    const update = updateMs[i] === undefined ? '' : `update alone ${updateMs[i]!.toFixed(3)} ms${i === 0 ? '' : ` (${timesOf(updateMs[i], updateMs[0])} SGD's)`}`;
    const step = `${ms.toFixed(2)} ms/step${i === 0 ? '' : `, ${timesOf(ms, stepMs[0])} SGD's`}`;
    return `${step}${update === '' ? '' : `; ${update}`}`;
  });
}

/**
 * W7: what an optimizer's update costs in training. The W2 network (784-256-10, 203,530 parameters)
 * takes training steps on batches of 64 of the 8,000 digits (forward, backward, `update`,
 * `applyUpdates`, `disposeSupersededState`, in one `tidy` as `fit` does) with SGD, SGD with momentum, Adam and RMSprop, one model
 * each, timed interleaved step by step on each @nn backend; then the update alone (fixed gradients),
 * interleaved the same way. Figures: samples/s of the steps; the note gives ms per step, the ratio to
 * SGD's step, and the update's own time.
 */
export async function runW7(ctx: Context): Promise<Figure[]> {
  const data = await ctx.data();
  const figures: Figure[] = [];
  const { minMs, minRuns } = ctx.plan.optimizerStep;
  for (const b of ctx.nnBackends) {
    const rows = STEP_OPTIMIZERS.map((o) => ({ workload: 'W7' as const, case: CASE, library: '@nn', backend: `${b.name} · ${o.name}`, ours: true }));
    const [steps, updates] = await withNnBackend(b, async () => {
      const set = nnDataset(data.xTrain, data.yTrain, TRAIN_SAMPLES);
      const batches = Array.from({ length: Math.floor(TRAIN_SAMPLES / BATCH) }, (_, i) => batchOf(set, i));
      const stepContenders: Contender[] = STEP_OPTIMIZERS.map((o, i) => ({ row: rows[i], setup: async () => ({ run: trainingStep(o.make(), batches) }) }));
      const updateContenders: Contender[] = STEP_OPTIMIZERS.map((o, i) => ({ row: rows[i], setup: async () => ({ run: updateAlone(o.make(), batches[0]) }) }));
      const toFigure = (m: Measurement) => ({
        samplesPerSecond: (BATCH * 1000) / m.medianMs,
        gflops: mlpTrainGflops((BATCH * 1000) / m.medianMs),
        detail: { medianMs: m.medianMs, runs: m.runs, batch: BATCH, params: MLP_PARAMS },
      });
      const timing = { warmup: 3, minMs, minRuns };
      return [await attemptTogether(ctx, stepContenders, timing, toFigure), await attemptTogether(ctx, updateContenders, timing, toFigure)];
    });
    const ms = (f: Figure) => (f.detail?.medianMs as number | undefined);
    const notes = stepNotes(steps.map(ms), updates.map(ms));
    steps.forEach((f, i) => {
      const updateMs = ms(updates[i]);
      figures.push(f.samplesPerSecond === undefined ? f : { ...f, note: notes[i], detail: { ...f.detail, ...(updateMs === undefined ? {} : { updateMs }) } });
    });
  }
  return figures;
}

function batchOf(set: Dataset, i: number): { x: Tensor; y: Tensor } {
  return { x: slice(set.x, [i * BATCH], [BATCH]), y: slice(set.y, [i * BATCH], [BATCH]) };
}

/** One training step per call, as fit takes it, on the next batch in turn; its own model and state. */
function trainingStep(optimizer: GradientTransformation<any>, batches: readonly { x: Tensor; y: Tensor }[]): () => void {
  const model: Layer = nnMlp(createRng(1));
  let state = optimizer.init(model.params);
  let next = 0;
  return () => {
    const { x, y } = batches[next++ % batches.length];
    tidy(() => {
      const { grads } = valueAndGrad(() => softmaxCrossEntropy(model.forward(stage(x), { training: true }), y), model.params);
      const [updates, nextState] = optimizer.update(grads, state, model.params);
      applyUpdates(model.params, updates);
      disposeSupersededState(state, nextState); // as fit does
      state = nextState;
      return [model.params, state];
    });
  };
}

/** The update alone: `update` and `applyUpdates` on the same gradients every call (taken once, outside). */
function updateAlone(optimizer: GradientTransformation<any>, batch: { x: Tensor; y: Tensor }): () => void {
  const model: Layer = nnMlp(createRng(1));
  const { grads } = valueAndGrad(() => softmaxCrossEntropy(model.forward(batch.x, { training: true }), batch.y), model.params);
  let state = optimizer.init(model.params);
  return () => {
    tidy(() => {
      const [updates, nextState] = optimizer.update(grads as Params, state, model.params);
      applyUpdates(model.params, updates);
      disposeSupersededState(state, nextState);
      state = nextState;
      return [model.params, state];
    });
  };
}
