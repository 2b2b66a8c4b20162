import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { doubleMoon } from '@nn/data';
import { accuracy } from '@nn/eval';
import { createWasmBackend } from '@nn/gpu';
import { activation, dense, sequential } from '@nn/layers';
import { softmaxCrossEntropy } from '@nn/losses';
import { addDecayedWeights, chain, constantSchedule, scaleByLearningRate, sgd, trace } from '@nn/optim';
import {
  type GradientTransformation, type Layer, type Tensor, assignLeaves, createRng, div, getBackend, isTensor, mapTree, mean, mul, setBackend, sqrt, square,
  tensor, treeLeaves,
} from '@nn/tensor';
import type { TrainingCallback } from './callbacks';
import type { FitOptions } from './fit';
import { TrainingDivergedError } from './errors';
import { fit } from './fit';
import { ReplayedLoop } from './replayed-loop';

/** The W6 network of apps/bench, 2-8-8-2 tanh. */
function tiny(dtype: 'float32' | 'float64'): Layer {
  const rng = createRng(1);
  return sequential(dense(2, 8, { rng, dtype }), activation('tanh'), dense(8, 8, { rng, dtype }), activation('tanh'), dense(8, 2, { rng, dtype }));
}

const moons = (dtype: 'float32' | 'float64') => doubleMoon({ samples: 60, rng: createRng(6), dtype });
const weights = (model: Layer) => treeLeaves(model.params).map((t: Tensor) => Array.from(t.dataSync()));
const plain = (state: unknown): unknown => {
  if (isTensor(state)) return Array.from(state.dataSync());
  if (Array.isArray(state)) return state.map(plain);
  if (typeof state === 'object' && state !== null) return Object.fromEntries(Object.entries(state).map(([k, v]) => [k, plain(v)]));
  return state;
};

/**
 * fit with the loop (the default) and, on a fresh model, with eager steps (or with replayed steps one at
 * a time: a callback after every batch keeps the loop out); what each left, and how many steps the loop ran.
 */
async function both(model: () => Layer, options: Omit<FitOptions, 'replaySteps'>, data = moons('float32'), calls = 1, reference: 'eager' | 'replayed' = 'eager') {
  const loopSteps = vi.spyOn(ReplayedLoop.prototype, 'step');
  const run = async (replaySteps: boolean) => {
    const perBatch = !replaySteps && reference === 'replayed' ? [{ onBatchEnd: () => undefined }] : [];
    const m = model();
    let state: unknown;
    const histories: number[][] = [];
    let error: unknown;
    for (let call = 0; call < calls; call++) {
      try {
        const history = await fit(m, data, {
          ...options, replaySteps: replaySteps || reference === 'replayed', progress: false,
          callbacks: [...(options.callbacks ?? []), ...perBatch, { onTrainEnd: (_, control) => void (state = plain(control.optimizerState)) }],
        });
        histories.push(history.epochs.flatMap((e) => [e.loss, ...(e.valLoss === undefined ? [] : [e.valLoss]), ...Object.values(e.metrics)]));
      } catch (e) {
        error = e;
        break;
      }
    }
    return { weights: weights(m), histories, state, error };
  };
  const eager = await run(false);
  const eagerLoopSteps = loopSteps.mock.calls.length;
  const looped = await run(true);
  const steps = loopSteps.mock.calls.length;
  loopSteps.mockRestore();
  expect(eagerLoopSteps).toBe(0);
  return { eager, looped, steps };
}

afterEach(() => vi.restoreAllMocks());

describe('fit runs a tiny network\'s replayed steps back to back in a ReplayedLoop', () => {
  const optimizers: Record<string, () => GradientTransformation<any>> = {
    sgd: () => sgd(0.1),
    'momentum (PyTorch)': () => sgd(0.1, { momentum: 0.9 }),
    'Nesterov (Sutskever)': () => sgd(0.1, { momentum: 0.9, nesterov: true, convention: 'sutskever' }),
    'weight decay, momentum, rate': () => chain(addDecayedWeights(1e-3), trace({ decay: 0.5 }), scaleByLearningRate(0.05)),
  };
  for (const [name, optimizer] of Object.entries(optimizers)) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`trains the same bits as eager steps, history and optimizer state too: ${name} (${dtype})`, async () => {
        // batch 8 of 60 points: 7 whole batches and a short one of 4, which goes the ordinary way
        const { eager, looped, steps } = await both(() => tiny(dtype), { loss: softmaxCrossEntropy, optimizer: optimizer(), batchSize: 8, epochs: 3, seed: 2 }, moons(dtype));
        expect(looped.weights).toEqual(eager.weights);
        expect(looped.histories).toEqual(eager.histories);
        expect(looped.state).toEqual(eager.state);
        // two steps record the plan, the loop takes the other whole batches: 5 + 7 + 7
        expect(steps).toBe(19);
      });
    }
  }

  it('loops with constant schedules as with numbers: the same bits as sgd(0.1, { momentum: 0.9 }) eagerly', async () => {
    const { eager, looped, steps } = await both(() => tiny('float32'), { loss: softmaxCrossEntropy, optimizer: sgd(0.1, { momentum: 0.9 }), batchSize: 8, epochs: 3, seed: 2 });
    const scheduled = await both(() => tiny('float32'), { loss: softmaxCrossEntropy, optimizer: sgd(constantSchedule(0.1), { momentum: constantSchedule(0.9) }), batchSize: 8, epochs: 3, seed: 2 });
    expect(scheduled.looped.weights).toEqual(eager.weights);
    expect(scheduled.looped.histories).toEqual(eager.histories);
    expect(scheduled.steps).toBe(steps);
    expect(looped.weights).toEqual(eager.weights);
  });

  it('takes batches in the dataset\'s order without shuffle, validates on the weights of every step so far, and trains the same model again in a second fit call', async () => {
    const validationData = doubleMoon({ samples: 20, rng: createRng(8), dtype: 'float32' });
    const { eager, looped, steps } = await both(() => tiny('float32'), { loss: softmaxCrossEntropy, optimizer: sgd(0.1, { momentum: 0.9 }), batchSize: 6, epochs: 2, shuffle: false, validationData }, moons('float32'), 2);
    expect(looped.histories[0].length).toBe(4); // loss and validation loss of 2 epochs
    expect(looped.weights).toEqual(eager.weights);
    expect(looped.histories).toEqual(eager.histories);
    expect(looped.state).toEqual(eager.state);
    // 10 whole batches an epoch; the first call records in two steps, the second checks the plan in one
    expect(steps).toBe(18 + 19);
  });

  for (const batchSize of [1, 'full'] as const) {
    it(`trains the same bits as eager steps online and full-batch too (batchSize ${batchSize})`, async () => {
      const { eager, looped, steps } = await both(() => tiny('float64'), { loss: softmaxCrossEntropy, optimizer: sgd(0.05, { momentum: 0.5 }), batchSize, epochs: 4, seed: 3 }, moons('float64'));
      expect(looped.weights).toEqual(eager.weights);
      expect(looped.histories).toEqual(eager.histories);
      expect(looped.state).toEqual(eager.state);
      expect(steps).toBe(batchSize === 1 ? 4 * 60 - 2 : 4 - 2);
    });
  }

  it('reloads weights and optimizer state that a callback replaced between epochs', async () => {
    const shrink: TrainingCallback = { onEpochEnd: (_, control) => {
      assignLeaves(control.model.params, mapTree((w) => mul(w, 0.5), control.model.params));
      control.optimizerState = plainToHalf(control.optimizerState);
    } };
    const plainToHalf = (s: unknown): unknown => (isTensor(s) ? mul(s, 0.5) : Array.isArray(s) ? s.map(plainToHalf) : typeof s === 'object' && s !== null ? Object.fromEntries(Object.entries(s).map(([k, v]) => [k, plainToHalf(v)])) : s);
    const { eager, looped, steps } = await both(() => tiny('float64'), { loss: softmaxCrossEntropy, optimizer: sgd(0.1, { momentum: 0.9 }), batchSize: 10, epochs: 3, seed: 4, callbacks: [shrink] }, moons('float64'));
    expect(looped.weights).toEqual(eager.weights);
    expect(looped.histories).toEqual(eager.histories);
    expect(looped.state).toEqual(eager.state);
    expect(steps).toBe(4 + 6 + 6);
  });

  it('measures metrics on each step\'s prediction and targets, the same as eager steps', async () => {
    const { eager, looped, steps } = await both(() => tiny('float32'), { loss: softmaxCrossEntropy, optimizer: sgd(0.1), batchSize: 8, epochs: 3, seed: 5, metrics: { accuracy } });
    expect(looped.histories).toEqual(eager.histories);
    expect(looped.histories[0].length).toBe(6); // loss and accuracy of 3 epochs
    expect(looped.weights).toEqual(eager.weights);
    expect(steps).toBe(19);
  });

  it('is not used with an augmentation or a callback after every batch (they need each step\'s tensors)', async () => {
    const loopSteps = vi.spyOn(ReplayedLoop.prototype, 'step');
    const options = { loss: softmaxCrossEntropy, optimizer: sgd(0.1), batchSize: 10, epochs: 2, progress: false } as const;
    await fit(tiny('float32'), moons('float32'), { ...options, augment: (x) => x });
    await fit(tiny('float32'), moons('float32'), { ...options, callbacks: [{ onBatchEnd: () => undefined }] });
    expect(loopSteps).not.toHaveBeenCalled();
    await fit(tiny('float32'), moons('float32'), options);
    expect(loopSteps).toHaveBeenCalledTimes(10);
  });

  describe('a step that fails in the loop stops training as an eager one does, keeping the weights before it', () => {
    // 12 points in batches of 2, in order: steps 1 and 2 record, 3 and 4 loop, 5 diverges
    const x = () => tensor(Array.from({ length: 24 }, (_, i) => Math.sin(i + 1)), [12, 2], 'float64');
    const y = (bad: number) => tensor(Array.from({ length: 24 }, (_, i) => (i < 16 ? 1 + (i % 3) : bad)), [12, 2], 'float64');
    const cases: { reason: string; loss: (p: Tensor, t: Tensor) => Tensor; optimizer: () => GradientTransformation<any> }[] = [
      // √(p²·t) has a finite value, 0, and an infinite slope at t = 0: ∞·0 makes the gradients NaN
      { reason: 'gradients', loss: (p, t) => mean(sqrt(mul(square(p), t))), optimizer: () => sgd(0.01) },
      // the gradients of mean(p·t) are 0 there, and this update, −0.01·g/g, is 0/0
      { reason: 'updates', loss: (p, t) => mean(mul(p, t)), optimizer: () => ({ init: () => ({}), update: (g) => [mapTree((gi) => mul(div(gi, gi), -0.01), g), {}], sameOpsEveryStep: true }) },
    ];
    for (const { reason, loss, optimizer } of cases) {
      it(`non-finite ${reason}`, async () => {
        const { eager, looped, steps } = await both(() => tiny('float64'), { loss, optimizer: optimizer(), batchSize: 2, shuffle: false, epochs: 1 }, { x: x(), y: y(0) });
        for (const r of [looped, eager]) {
          expect(r.error).toBeInstanceOf(TrainingDivergedError);
          expect((r.error as Error).message).toMatch(new RegExp(`^fit: training diverged at epoch 1, batch 5: non-finite ${reason};`));
        }
        expect(looped.weights).toEqual(eager.weights);
        expect(steps).toBe(3); // 3 and 4, then 5, which fails and goes the ordinary way
      });
    }

    it('a label out of range', async () => {
      const labels = (bad: boolean) => tensor(Array.from({ length: 60 }, (_, i) => (bad && i === 47 ? 2 : i % 2)), [60], 'int32');
      const data = { x: moons('float32').x, y: labels(true) };
      const { eager, looped } = await both(() => tiny('float32'), { loss: softmaxCrossEntropy, optimizer: sgd(0.1), batchSize: 10, shuffle: false, epochs: 1 }, data);
      expect((looped.error as Error).message).toBe((eager.error as Error).message);
      expect((looped.error as Error).message).toBe('softmaxCrossEntropy: label 2 at position 7 is out of range for 2 classes (expected 0 … 1)');
      expect(looped.weights).toEqual(eager.weights);
    });
  });

  it('hands the event loop a turn every 50 ms within an epoch', async () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 1)); // every reading 1 ms later
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    try {
      await fit(tiny('float32'), doubleMoon({ samples: 2000, rng: createRng(6), dtype: 'float32' }), { loss: softmaxCrossEntropy, optimizer: sgd(0.1), batchSize: 10, epochs: 1, progress: false });
    } finally {
      clearInterval(timer);
    }
    // 200 steps, a reading a step: at least three turns
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('hands the event loop a turn every 50 ms across many short epochs too', async () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 1));
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    try {
      // 100 epochs of 3 steps: no epoch reaches 50 readings
      await fit(tiny('float32'), moons('float32'), { loss: softmaxCrossEntropy, optimizer: sgd(0.1), batchSize: 20, epochs: 100, progress: false });
    } finally {
      clearInterval(timer);
    }
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});

describe('the loop on the wasm backend', () => {
  const previous = getBackend();
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    setBackend(previous);
    for (const close of closers) await close();
  });

  for (const threads of [1, 2]) {
    it(`trains the same bits as replayed steps one at a time there (the CPU plan's kernels), inside fit's runs of steps (${threads} thread${threads > 1 ? 's' : ''})`, async () => {
      const backend = await createWasmBackend({ threads, yieldToOtherProcesses: false });
      closers.push(() => backend.close());
      setBackend(backend);
      const { eager, looped, steps } = await both(() => tiny('float32'), { loss: softmaxCrossEntropy, optimizer: sgd(0.1, { momentum: 0.9 }), batchSize: 8, epochs: 3, seed: 2 }, moons('float32'), 1, 'replayed');
      expect(looped.weights).toEqual(eager.weights);
      expect(looped.histories).toEqual(eager.histories);
      expect(looped.state).toEqual(eager.state);
      expect(steps).toBe(19);
    });
  }
});
