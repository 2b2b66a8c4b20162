import { afterAll, describe, expect, it, vi } from 'vitest';
import { doubleMoon } from '@nn/data';
import { type WasmBackend, createWasmBackend } from '@nn/gpu';
import { activation, dense, sequential } from '@nn/layers';
import { softmaxCrossEntropy } from '@nn/losses';
import { adam, sgd } from '@nn/optim';
import { type Backend, type Layer, type Tensor, createRng, full, getBackend, setBackend, tensor, treeLeaves } from '@nn/tensor';
import { TrainingDivergedError } from './errors';
import { fit } from './fit';
import { FREE_AT_ONCE_MIN_SIZE, StepRun } from './step-run';

/** 2·2100 + 2100·2 weights: over the CPU plan's size, so that fit replays its steps on the wasm kernels. */
function wide(): Layer {
  const rng = createRng(3);
  return sequential(dense(2, 2100, { rng }), activation('tanh'), dense(2100, 2, { rng }));
}

const moons = () => doubleMoon({ samples: 60, rng: createRng(6), dtype: 'float32' });
const weights = (model: Layer) => treeLeaves(model.params).map((t: Tensor) => Array.from(t.dataSync()));
const previous = getBackend();
const backends = { 'wasm, one thread': await createWasmBackend({ threads: 1 }), 'wasm, two threads': await createWasmBackend({ threads: 2, yieldToOtherProcesses: false }) };

afterAll(async () => {
  setBackend(previous);
  await backends['wasm, two threads'].close();
});

/** Runs `fn` with `backend` set, then sets the previous one back. */
async function on<T>(backend: Backend, fn: () => Promise<T>): Promise<T> {
  setBackend(backend);
  try {
    return await fn();
  } finally {
    setBackend(previous);
  }
}

/**
 * Runs `train` on `backend` with a clock that stands still (no 50 ms turn of the event loop ends a run,
 * however loaded the machine) and counts the tensors that left their last scope with their elements in
 * wasm memory (Backend.evict); also how many bytes more the backend holds after it than before.
 */
async function counted<T>(backend: WasmBackend, train: () => Promise<T>): Promise<{ result: T; evictions: number; residentAfter: number }> {
  return on(backend, async () => {
    const before = backend.residentBytes;
    let evictions = 0;
    const evict = backend.evict!;
    backend.evict = (data) => (evictions++, evict.call(backend, data));
    const clock = vi.spyOn(performance, 'now').mockReturnValue(0);
    try {
      return { result: await train(), evictions, residentAfter: backend.residentBytes - before };
    } finally {
      backend.evict = evict;
      clock.mockRestore();
    }
  });
}

describe('fit keeps the weights of steps no callback comes between in the backend\'s memory', () => {
  for (const [name, backend] of Object.entries(backends)) {
    it(`frees each step's replaced weights and state at once, and trains the same bits as steps that each hand their weights out (${name})`, async () => {
      const run = (everyStep: boolean) => counted(backend, async () => {
        const model = wide();
        const resident: number[] = [];
        await fit(model, moons(), {
          loss: softmaxCrossEntropy, optimizer: sgd(0.05, { momentum: 0.9 }), batchSize: 10, epochs: 4, seed: 7, progress: false,
          // NOTE: a metric runs inside every step: it sees what the run holds in wasm memory then
          metrics: { resident: () => (resident.push(backend.residentBytes), 0) },
          // NOTE: a callback after every batch ends every run after one step: each step's weights leave wasm memory
          callbacks: everyStep ? [{ onBatchEnd: () => undefined }] : [],
        });
        return { weights: weights(model), resident };
      });
      const [runs, single] = [await run(false), await run(true)];
      expect(runs.result.weights).toEqual(single.result.weights);
      // 24 steps: once recorded (2 steps), every replayed step holds the same bytes in wasm memory, however
      // many steps of its run came before it (kept, each step's replaced weights and momenta would add 84 KB)
      expect(runs.result.resident).toHaveLength(24);
      expect(new Set(runs.result.resident.slice(2)).size).toBe(1);
      // 4 weights and 4 momenta: left wasm memory after every step, or once a run (an epoch)
      expect(single.evictions).toBe(24 * 8);
      expect(runs.evictions).toBe(4 * 8);
      // the run's last weights and state left wasm memory with it; nothing else stayed
      expect(runs.residentAfter).toBe(0);
      expect(single.residentAfter).toBe(0);
    });
  }

  it('runs Adam\'s steps too (its update is not in the replayed step; it retains nothing but its state), the same bits as steps one at a time', async () => {
    const backend = backends['wasm, one thread'];
    const train = (everyStep: boolean) => counted(backend, async () => {
      const model = wide();
      await fit(model, moons(), {
        loss: softmaxCrossEntropy, optimizer: adam(0.01), batchSize: 10, epochs: 4, seed: 7, progress: false,
        callbacks: everyStep ? [{ onBatchEnd: () => undefined }] : [],
      });
      return weights(model);
    });
    const [runs, single] = [await train(false), await train(true)];
    expect(runs.result).toEqual(single.result);
    // the 4 weights (and Adam's moments, which stay in wasm memory either way) leave it once an epoch
    expect(runs.evictions * 6).toBe(single.evictions);
    // Adam's last moments stay in wasm memory until the collector takes them, after either (see @nn/gpu's PersistentResident)
    expect(runs.residentAfter).toBe(single.residentAfter);
  });

  it('gives an optimizer that makes no such promise its steps one at a time', async () => {
    const { init, update } = sgd(0.05, { momentum: 0.9 });
    const { evictions } = await counted(backends['wasm, one thread'], () =>
      fit(wide(), moons(), { loss: softmaxCrossEntropy, optimizer: { init, update }, batchSize: 10, epochs: 4, seed: 7, progress: false }));
    expect(evictions).toBe(24 * 8);
  });

  it('runs the steps between two epochs as one run under the default progress display (its batch updates read only the logs)', async () => {
    const lines: string[] = [];
    // NOTE: not a terminal here, so one line per epoch (to stdout), which this test keeps quiet
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((line: string) => (lines.push(line), true)) as typeof process.stdout.write;
    const { evictions } = await counted(backends['wasm, one thread'], () =>
      fit(wide(), moons(), { loss: softmaxCrossEntropy, optimizer: sgd(0.05, { momentum: 0.9 }), batchSize: 10, epochs: 4, seed: 7 }),
    ).finally(() => void (process.stdout.write = write));
    expect(lines.filter((l) => l.startsWith('epoch '))).toHaveLength(4);
    expect(evictions).toBe(4 * 8);
  });

  it('frees each batch after its step: what a run holds does not grow with its steps, for batches that lie in wasm memory too', async () => {
    const backend = backends['wasm, one thread'];
    const rng = createRng(4);
    // 64 features: a batch of 10 is gathered into wasm memory (640 values)
    const model = sequential(dense(64, 300, { rng }), activation('tanh'), dense(300, 2, { rng }));
    const x = tensor(Array.from({ length: 60 * 64 }, (_, i) => Math.sin(i)), [60, 64], 'float32');
    const y = tensor(Array.from({ length: 60 }, (_, i) => i % 2), [60], 'int32');
    const resident: number[] = [];
    const { residentAfter } = await counted(backend, () => fit(model, { x, y }, {
      loss: softmaxCrossEntropy, optimizer: sgd(0.05), batchSize: 10, epochs: 2, seed: 1, progress: false,
      metrics: { resident: () => (resident.push(backend.residentBytes), 0) },
    }));
    expect(resident).toHaveLength(12);
    expect(new Set(resident.slice(2)).size).toBe(1);
    expect(residentAfter).toBe(0);
    // the data set itself, given as one batch, is not the step's to free
    await counted(backend, () => fit(model, { x, y }, { loss: softmaxCrossEntropy, optimizer: sgd(0.05), batchSize: 'full', shuffle: false, epochs: 2, progress: false }));
    expect(x.isDisposed || y.isDisposed).toBe(false);
  });

  it('hands callbacks weights that stay: each epoch\'s, read after training', async () => {
    await on(backends['wasm, one thread'], async () => {
      const model = wide();
      const seen: Tensor[][] = [];
      await fit(model, moons(), {
        loss: softmaxCrossEntropy, optimizer: sgd(0.05), batchSize: 10, epochs: 3, seed: 2, progress: false,
        callbacks: [{ onEpochEnd: () => void seen.push(treeLeaves(model.params)) }],
      });
      expect(seen).toHaveLength(3);
      const values = seen.map((leaves) => leaves.map((t) => Array.from(t.dataSync())));
      expect(values[0]).not.toEqual(values[1]);
      expect(values[1]).not.toEqual(values[2]);
      expect(values[2]).toEqual(weights(model));
    });
  });

  it('stops a run that diverges in its middle with the reason, keeping the weights from before that batch', async () => {
    // 10 points in batches of 2, in order, no callback: one run; the fifth batch's inputs are NaN
    const xs = Array.from({ length: 20 }, (_, i) => (i >= 16 ? NaN : Math.sin(i + 1)));
    const labels = Array.from({ length: 10 }, (_, i) => i % 2);
    const train = (count: number) => on(backends['wasm, one thread'], async () => {
      const model = wide();
      const error = await fit(model, { x: tensor(xs.slice(0, 2 * count), [count, 2], 'float32'), y: tensor(labels.slice(0, count), [count], 'int32') }, {
        loss: softmaxCrossEntropy, optimizer: sgd(0.05, { momentum: 0.9 }), batchSize: 2, shuffle: false, epochs: 1, progress: false,
      }).catch((e: unknown) => e);
      return { error, weights: weights(model) };
    });
    const [diverged, firstFour] = [await train(10), await train(8)];
    expect(diverged.error).toBeInstanceOf(TrainingDivergedError);
    expect((diverged.error as Error).message).toMatch(/^fit: training diverged at epoch 1, batch 5: non-finite loss;/);
    expect(firstFour.error).not.toBeInstanceOf(Error);
    expect(diverged.weights).toEqual(firstFour.weights);
  });
});

describe('StepRun', () => {
  const big = (v: number) => full([FREE_AT_ONCE_MIN_SIZE], v);

  it('disposes what a step replaced only when an earlier step of the run made it and the new tree does not hold it', () => {
    const [w0, s0] = [big(1), big(2)];
    const run = new StepRun();
    // step 1 replaces the weights and state the run started with: those are not the run's
    const [w1, s1] = [big(3), big(4)];
    run.replaced([[w0], { m: s0 }], [[w1], { m: s1 }]);
    expect([w0.isDisposed, s0.isDisposed]).toEqual([false, false]);
    // step 2 makes new weights, and passes the state through
    const w2 = big(5);
    run.replaced([[w1], { m: s1 }], [[w2], { m: s1 }]);
    expect([w1.isDisposed, s1.isDisposed]).toEqual([true, false]);
    // step 3 replaces both
    const [w3, s3] = [big(6), big(7)];
    run.replaced([[w2], { m: s1, count: 2 }], [[w3], { m: s3, count: 3 }]);
    expect([w2.isDisposed, s1.isDisposed, w3.isDisposed, s3.isDisposed]).toEqual([true, true, false, false]);
  });

  it('leaves tensors under FREE_AT_ONCE_MIN_SIZE elements to the end of the run', () => {
    const run = new StepRun();
    const [a, b, c] = [tensor([1, 2]), tensor([3, 4]), tensor([5, 6])];
    run.replaced([a], [b]);
    run.replaced([b], [c]);
    expect([a.isDisposed, b.isDisposed, c.isDisposed]).toEqual([false, false, false]);
  });
});
