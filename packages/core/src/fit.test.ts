import { describe, expect, it } from 'vitest';
import { activation, dense, sequential } from '@nn/layers';
import { softmaxCrossEntropy, meanSquaredError } from '@nn/losses';
import { sgd } from '@nn/optim';
import { accuracy } from '@nn/eval';
import { type GradientTransformation, type Params, createRng, mapTree, mul, tensor } from '@nn/tensor';
import { fit } from './fit';
import { TrainingDivergedError } from './errors';
import type { TrainingCallback } from './callbacks';

/** A reproducible 3-class problem in 4 dimensions: class = which of three directions x leans to. */
function problem(n: number, seed: number) {
  const rng = createRng(seed);
  const xs: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
    const scores = [x[0] + x[1], x[1] - x[2], x[3] - x[0]];
    xs.push(x);
    labels.push(scores.indexOf(Math.max(...scores)));
  }
  return { xs, labels };
}

/**
 * The same network and training, written as plain loops over numbers (no @nn code): 4-8-3, tanh,
 * softmax cross-entropy averaged over the batch, full-batch gradient descent. Returns the loss before
 * each step.
 */
function plainLoop(xs: number[][], labels: number[], w1: number[][], b1: number[], w2: number[][], b2: number[], lr: number, steps: number): number[] {
  const n = xs.length;
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const gw1 = w1.map((r) => r.map(() => 0));
    const gb1 = b1.map(() => 0);
    const gw2 = w2.map((r) => r.map(() => 0));
    const gb2 = b2.map(() => 0);
    let loss = 0;
    for (let s = 0; s < n; s++) {
      const x = xs[s];
      const h = b1.map((b, j) => Math.tanh(b + x.reduce((acc, xi, i) => acc + xi * w1[i][j], 0)));
      const z = b2.map((b, k) => b + h.reduce((acc, hj, j) => acc + hj * w2[j][k], 0));
      const m = Math.max(...z);
      const logNorm = m + Math.log(z.reduce((acc, zk) => acc + Math.exp(zk - m), 0));
      loss += (logNorm - z[labels[s]]) / n;
      const dz = z.map((zk, k) => (Math.exp(zk - logNorm) - (k === labels[s] ? 1 : 0)) / n);
      const dh = h.map((_, j) => dz.reduce((acc, d, k) => acc + d * w2[j][k], 0));
      const da = dh.map((d, j) => d * (1 - h[j] * h[j]));
      dz.forEach((d, k) => {
        gb2[k] += d;
        h.forEach((hj, j) => (gw2[j][k] += hj * d));
      });
      da.forEach((d, j) => {
        gb1[j] += d;
        x.forEach((xi, i) => (gw1[i][j] += xi * d));
      });
    }
    losses.push(loss);
    w1.forEach((r, i) => r.forEach((_, j) => (r[j] -= lr * gw1[i][j])));
    b1.forEach((_, j) => (b1[j] -= lr * gb1[j]));
    w2.forEach((r, j) => r.forEach((_, k) => (r[k] -= lr * gw2[j][k])));
    b2.forEach((_, k) => (b2[k] -= lr * gb2[k]));
  }
  return losses;
}

const rows = (t: { toArray(): unknown }) => t.toArray() as number[][];
const vec = (t: { toArray(): unknown }) => t.toArray() as number[];

function network(seed = 7) {
  const rng = createRng(seed);
  return sequential(dense(4, 8, { rng, dtype: 'float64' }), activation('tanh'), dense(8, 3, { rng, dtype: 'float64' }));
}

describe('fit', () => {
  it('follows an independent plain-loop backprop to 1e-9 over 100 full-batch steps (float64)', async () => {
    const { xs, labels } = problem(30, 1);
    const model = network();
    const [l1, , l2] = model.params as unknown as [{ w: never; b: never }, unknown, { w: never; b: never }];
    const expected = plainLoop(xs, labels, rows(l1.w), vec(l1.b), rows(l2.w), vec(l2.b), 0.5, 100);
    const history = await fit(model, { x: tensor(xs, undefined, 'float64'), y: tensor(labels, undefined, 'int32') }, {
      loss: softmaxCrossEntropy, optimizer: sgd(0.5), epochs: 100, batchSize: 'full', shuffle: false, progress: false,
    });
    const losses = history.epochs.map((e) => e.loss);
    expect(losses).toBeAllClose(expected, { rtol: 1e-9, atol: 0 });
    expect(losses[99]).toBeLessThan(losses[0] / 2);
  });

  it('trains online, in mini-batches and full-batch, with validation and metrics', async () => {
    const { xs, labels } = problem(200, 2);
    const data = { x: tensor(xs), y: tensor(labels, undefined, 'int32') };
    for (const batchSize of [1, 16, 'full'] as const) {
      const model = sequential(dense(4, 16, { rng: createRng(3) }), activation('tanh'), dense(16, 3, { rng: createRng(4) }));
      const history = await fit(model, data, {
        loss: softmaxCrossEntropy, optimizer: sgd(batchSize === 1 ? 0.05 : 0.5, { momentum: 0.5 }), epochs: batchSize === 'full' ? 60 : 10,
        batchSize, validationSplit: 0.25, metrics: { accuracy }, progress: false, seed: 5,
      });
      const last = history.epochs[history.epochs.length - 1];
      expect(last.metrics.accuracy, `batch size ${batchSize}`).toBeGreaterThan(0.85);
      expect(last.valMetrics?.accuracy, `batch size ${batchSize}`).toBeGreaterThan(0.8);
      expect(last.valLoss).toBeLessThan(history.epochs[0].loss);
    }
  });

  it('repeats exactly with the same seed', async () => {
    const { xs, labels } = problem(64, 3);
    const run = async () => {
      const model = network(11);
      const h = await fit(model, { x: tensor(xs, undefined, 'float64'), y: tensor(labels, undefined, 'int32') }, {
        loss: softmaxCrossEntropy, optimizer: sgd(0.1), epochs: 3, batchSize: 8, progress: false, seed: 9,
      });
      return h.epochs.map((e) => e.loss);
    };
    expect(await run()).toEqual(await run());
  });

  it('calls callbacks in order and lets one stop training', async () => {
    const { xs, labels } = problem(20, 4);
    const events: string[] = [];
    const cb: TrainingCallback = {
      onTrainBegin: (info) => void events.push(`begin ${info.epochs}x${info.batchesPerEpoch}`),
      onEpochBegin: (e) => void events.push(`epoch ${e}`),
      onBatchEnd: (b) => void events.push(`batch ${b.epoch}.${b.batch}`),
      onEpochEnd: (logs, control) => {
        events.push(`end ${logs.epoch}`);
        if (logs.epoch === 2) control.stop('enough');
      },
      onTrainEnd: (h) => void events.push(`done ${h.stoppedBecause}`),
    };
    const history = await fit(network(), { x: tensor(xs, undefined, 'float64'), y: tensor(labels, undefined, 'int32') }, {
      loss: softmaxCrossEntropy, optimizer: sgd(0.1), epochs: 5, batchSize: 10, progress: false, callbacks: [cb],
    });
    expect(events).toEqual(['begin 5x2', 'epoch 1', 'batch 1.1', 'batch 1.2', 'end 1', 'epoch 2', 'batch 2.1', 'batch 2.2', 'end 2', 'done enough']);
    expect(history.epochs).toHaveLength(2);
  });

  it('stops on a non-finite loss naming the epoch and batch, keeping the last good weights', async () => {
    const x = tensor([[1, 2, 3, 4], [0, 0, 0, 0], [1, 1, 1, 1], [2, 2, 2, 2]], undefined, 'float64');
    const y = tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]], undefined, 'float64');
    const model = network();
    // An optimizer whose second update blows the weights up: the third batch's loss is then ∞.
    let calls = 0;
    const exploding: GradientTransformation<null> = {
      init: () => null,
      update: (grads) => {
        const factor = ++calls === 2 ? -1e300 : -0.01;
        return [mapTree((g) => mul(g, factor), grads as Params) as typeof grads, null];
      },
    };
    let snapshot: number[] = [];
    const error = await fit(model, { x, y }, {
      loss: meanSquaredError, optimizer: exploding, epochs: 2, batchSize: 1, shuffle: false, progress: false,
      callbacks: [{ onBatchEnd: () => void (snapshot = Array.from((model.params as unknown as [{ w: { dataSync(): Float64Array } }])[0].w.dataSync())) }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingDivergedError);
    expect((error as TrainingDivergedError).message).toMatch(/^fit: training diverged at epoch 1, batch 3: non-finite (loss|gradients|updates); the model keeps the weights from before this batch/);
    expect(Array.from((model.params as unknown as [{ w: { dataSync(): Float64Array } }])[0].w.dataSync())).toEqual(snapshot);
  });

  it('refuses bad data before the first step: wrong width, labels out of range, mismatched lengths', async () => {
    const options = { loss: softmaxCrossEntropy, optimizer: sgd(0.1), progress: false as const };
    await expect(fit(network(), { x: tensor([[1, 2, 3]], undefined, 'float64'), y: tensor([0], undefined, 'int32') }, options)).rejects.toThrow(/dense: .*\[1,3\]/);
    await expect(fit(network(), { x: tensor([[1, 2, 3, 4]], undefined, 'float64'), y: tensor([3], undefined, 'int32') }, options)).rejects.toThrow('label 3');
    await expect(fit(network(), { x: tensor([[1, 2, 3, 4]], undefined, 'float64'), y: tensor([0, 1], undefined, 'int32') }, options)).rejects.toThrow('fit: x has 1 samples but y has 2');
  });

  it('checks the data once for a model, training tensors and loss: again for other tensors, another loss or another model', async () => {
    const checks: number[] = [];
    // a forward pass of one sample under noGrad is the check; training steps run batches of 4
    const counting = (model: ReturnType<typeof network>) => Object.assign(model, {
      forward: ((forward) => (x: Parameters<typeof forward>[0], ctx?: Parameters<typeof forward>[1]) => (x.shape[0] === 1 && checks.push(1), forward(x, ctx)))(model.forward.bind(model)),
    });
    const { xs, labels } = problem(8, 3);
    const data = { x: tensor(xs, undefined, 'float64'), y: tensor(labels, undefined, 'int32') };
    const options = { optimizer: sgd(0.1), batchSize: 4, progress: false as const };
    const model = counting(network());
    await fit(model, data, { ...options, loss: softmaxCrossEntropy });
    await fit(model, data, { ...options, loss: softmaxCrossEntropy });
    expect(checks.length).toBe(1);
    await fit(model, { x: tensor(xs, undefined, 'float64'), y: data.y }, { ...options, loss: softmaxCrossEntropy });
    expect(checks.length).toBe(2);
    const anotherLoss = (p: Parameters<typeof softmaxCrossEntropy>[0], t: Parameters<typeof softmaxCrossEntropy>[1]) => softmaxCrossEntropy(p, t);
    await fit(model, data, { ...options, loss: anotherLoss });
    expect(checks.length).toBe(3);
    await fit(counting(network()), data, { ...options, loss: softmaxCrossEntropy });
    expect(checks.length).toBe(4);
  });
});

describe('fit with augment', () => {
  it('passes every training batch through the augmentation, with fit’s generator', async () => {
    const { xs, labels } = problem(12, 5);
    const seen: number[] = [];
    await fit(network(), { x: tensor(xs, undefined, 'float64'), y: tensor(labels, undefined, 'int32') }, {
      loss: softmaxCrossEntropy, optimizer: sgd(0.1), epochs: 2, batchSize: 4, progress: false, validationSplit: 0.25,
      augment: (x, rng) => {
        seen.push(x.shape[0]);
        expect(typeof rng.uniform()).toBe('number');
        return mul(x, 1);
      },
    });
    // 9 training samples in batches of 4: 4 + 4 + 1, twice; the 3 held out are never augmented.
    expect(seen).toEqual([4, 4, 1, 4, 4, 1]);
  });
});

describe('fit passes full-batch methods ctx.lossAndGrad', () => {
  it('evaluates the batch loss at other params and leaves the model’s own params in place', async () => {
    const { xs, labels } = problem(8, 6);
    const model = network(12);
    const data = { x: tensor(xs, undefined, 'float64'), y: tensor(labels, undefined, 'int32') };
    const before = mapTree((t) => t, model.params as Params);
    const seen: { here: number; shifted: number; zero: number }[] = [];
    const probing: GradientTransformation<null> = {
      init: () => null,
      update: (grads, state, params, ctx) => {
        const here = ctx!.lossAndGrad!(params!);
        const zero = ctx!.lossAndGrad!(mapTree((t) => mul(t, 0), params as Params));
        seen.push({ here: here.loss, shifted: ctx!.loss!, zero: zero.loss });
        return [mapTree((g) => mul(g, 0), grads as Params) as typeof grads, state];
      },
    };
    await fit(model, data, { loss: softmaxCrossEntropy, optimizer: probing, epochs: 1, batchSize: 'full', shuffle: false, progress: false });
    // At the current params lossAndGrad gives fit's own batch loss; at all-zero weights the logits are 0,
    // so the loss is ln 3 for 3 classes; and the model's params are unchanged afterwards (zero updates).
    expect(seen[0].here).toBeCloseTo(seen[0].shifted, 12);
    expect(seen[0].zero).toBeCloseTo(Math.log(3), 12);
    mapTree((a, b) => {
      expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
      return a;
    }, before, model.params as Params);
  });
});
