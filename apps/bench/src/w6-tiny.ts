import { type Layer, activation, createRng, dense, doubleMoon, fit, fromTypedArray, sequential, setBackend, sgd, softmaxCrossEntropy } from '@nn/core';
import type { Tensor as TfTensor } from '@tensorflow/tfjs-core';
import type { Row } from './context';
import type { Context } from './context';
import { messageOf } from './nn-optional';
import { loadConvNetJs, loadTfjs } from './peers';
import type { Figure } from './table';

/** The network: 2 inputs, two tanh layers of 8, 2 logits (softmax cross-entropy). */
export const TINY_LAYERS = [2, 8, 8, 2] as const;
export const TINY_SAMPLES = 200;
export const TINY_BATCH = 10;
export const TINY_LEARNING_RATE = 0.1;
/** Epochs per timed call: 10 × 20 = 200 steps, so that each library's per-call set-up is a small share, as in a real run. */
export const TINY_EPOCHS_PER_CALL = 10;
const CASE = '2-8-8-2 tanh, 200 points, batch 10';

/** The 2-8-8-2 network's parameter count: (2·8 + 8) + (8·8 + 8) + (8·2 + 2) = 114. */
export const TINY_PARAMS = TINY_LAYERS.slice(1).reduce((n, units, i) => n + TINY_LAYERS[i] * units + units, 0);

/** Optimizer steps in one call: ⌈samples / batch⌉ per epoch, times epochs. */
export function stepsPerCall(samples: number, batch: number, epochs: number): number {
  return Math.ceil(samples / batch) * epochs;
}

/**
 * The 200 points every library trains on: Haykin's double moon (radius 10, width 6, distance 1, seed 6)
 * divided by the radius, so that the inputs lie within about [−1.3, 2.3] and tanh does not saturate;
 * labels 0 and 1, the classes in two blocks of 100 (every library shuffles).
 */
export function tinyData(): { readonly x: Float32Array; readonly y: Int32Array } {
  const set = doubleMoon({ samples: TINY_SAMPLES, rng: createRng(6), dtype: 'float32' });
  const x = Float32Array.from(set.x.dataSync(), (v) => v / 10);
  return { x, y: Int32Array.from(set.y.dataSync()) };
}

/** A permutation of 0…n−1 from `seed` (Fisher–Yates over a small linear congruential generator). */
export function shuffled(n: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** A timing: median milliseconds per call and how many calls were timed. */
export interface AsyncMeasurement {
  readonly medianMs: number;
  readonly runs: number;
}

/**
 * `measureTogether` for asynchronous calls (every library's `fit` returns a promise): `warmup` untimed
 * calls of each, then rounds of one call each, the first of each round rotating, until each has run
 * `minRuns` times and `minMs` per contender have passed; the median of each.
 */
export async function measureTogetherAsync(
  fns: readonly (() => Promise<unknown> | unknown)[],
  { warmup = 2, minMs = 300, minRuns = 3 }: { warmup?: number; minMs?: number; minRuns?: number } = {},
): Promise<AsyncMeasurement[]> {
  for (const fn of fns) for (let i = 0; i < warmup; i++) await fn();
  const times = fns.map(() => [] as number[]);
  const start = performance.now();
  for (let round = 0; round < Math.max(1, minRuns) || performance.now() - start < minMs * fns.length; round++) {
    for (let j = 0; j < fns.length; j++) {
      const i = (round + j) % fns.length;
      const t0 = performance.now();
      await fns[i]();
      times[i].push(performance.now() - t0);
    }
  }
  return times.map((t) => {
    const sorted = [...t].sort((a, b) => a - b);
    return { medianMs: sorted[Math.floor(sorted.length / 2)], runs: t.length };
  });
}

/** The note of each row: its steps/s and ms per step, and (not for ConvNetJS itself) its ratio to ConvNetJS. */
export function tinyNote(stepsPerSecond: number, convnetStepsPerSecond: number | undefined, isConvnet: boolean): string {
  const own = `${Math.round(stepsPerSecond).toLocaleString('en-US')} steps/s, ${(1000 / stepsPerSecond).toFixed(3)} ms/step`;
  if (isConvnet || convnetStepsPerSecond === undefined || !(convnetStepsPerSecond > 0)) return own;
  return `${own}, ${(stepsPerSecond / convnetStepsPerSecond).toFixed(2)}× ConvNetJS`;
}

interface Contender {
  readonly row: Row;
  readonly run: () => Promise<unknown> | unknown;
  readonly teardown?: () => void;
}

/**
 * W6: fast tiny steps. A 2-8-8-2 tanh network (114 parameters, softmax cross-entropy on 2 classes)
 * trained by plain SGD (learning rate 0.1, batch 10) on 200 double-moon points, where per-op overhead,
 * not arithmetic, is the whole cost. Each timed call is 10 epochs (200 steps) through the library's own
 * training loop: @nn's `fit` (`progress: false`) on each backend, ConvNetJS's `Trainer` (one sample at
 * a time, an update every 10) and tfjs-layers' `model.fit` on tfjs cpu — all timed interleaved, call by
 * call. The figure is steps/s (in the samples/s column); the note gives ms per step and the ratio to
 * ConvNetJS. Goal (issue 15): @nn ≥ 1× ConvNetJS, moonshot 2×.
 */
export async function runW6(ctx: Context): Promise<Figure[]> {
  const { x, y } = tinyData();
  const steps = stepsPerCall(TINY_SAMPLES, TINY_BATCH, TINY_EPOCHS_PER_CALL);
  const base = { workload: 'W6', case: CASE } as const;
  const contenders: Contender[] = [];
  const failed: Figure[] = [];
  const add = async (row: Row, setup: () => Promise<Omit<Contender, 'row'>> | Omit<Contender, 'row'>) => {
    try {
      contenders.push({ row, ...(await setup()) });
    } catch (error) {
      failed.push({ ...row, note: messageOf(error) });
    }
  };
  for (const b of ctx.nnBackends) {
    await add({ ...base, library: '@nn', backend: b.name, ours: true }, () => {
      setBackend(b.backend);
      try {
        const model = nnTiny();
        const data = { x: fromTypedArray(x.slice(), [TINY_SAMPLES, 2], 'float32'), y: fromTypedArray(y.slice(), [TINY_SAMPLES], 'int32') };
        const optimizer = sgd(TINY_LEARNING_RATE);
        let seed = 0;
        return {
          run: async () => {
            setBackend(b.backend);
            try {
              await fit(model, data, { loss: softmaxCrossEntropy, optimizer, batchSize: TINY_BATCH, epochs: TINY_EPOCHS_PER_CALL, seed: seed++, progress: false });
            } finally {
              setBackend(ctx.nnBackends[0].backend);
            }
          },
        };
      } finally {
        setBackend(ctx.nnBackends[0].backend);
      }
    });
  }
  const convnetjs = await loadConvNetJs();
  const convRow: Row = { ...base, library: 'ConvNetJS', backend: 'js (float64)', ours: false };
  if (!convnetjs.ok) failed.push({ ...convRow, note: convnetjs.reason });
  else {
    await add(convRow, () => {
      const { Net, Trainer, Vol } = convnetjs.value;
      const net = new Net();
      net.makeLayers([
        { type: 'input', out_sx: 1, out_sy: 1, out_depth: 2 },
        { type: 'fc', num_neurons: 8, activation: 'tanh' },
        { type: 'fc', num_neurons: 8, activation: 'tanh' },
        { type: 'softmax', num_classes: 2 },
      ]);
      const trainer = new Trainer(net, { method: 'sgd', learning_rate: TINY_LEARNING_RATE, batch_size: TINY_BATCH, momentum: 0, l2_decay: 0 });
      const vol = new Vol(1, 1, 2, 0);
      let seed = 1;
      return {
        run: () => {
          for (let e = 0; e < TINY_EPOCHS_PER_CALL; e++) {
            for (const i of shuffled(TINY_SAMPLES, seed++)) {
              vol.w[0] = x[2 * i];
              vol.w[1] = x[2 * i + 1];
              trainer.train(vol, y[i]);
            }
          }
        },
      };
    });
  }
  const tfjs = await loadTfjs();
  const tfRow: Row = { ...base, library: 'tfjs', backend: 'cpu', ours: false };
  if (!tfjs.ok) failed.push({ ...tfRow, note: tfjs.reason });
  else {
    await add(tfRow, async () => {
      const { tf, tfl, use } = tfjs.value;
      await use('cpu');
      const model = tfl.sequential();
      model.add(tfl.layers.dense({ inputShape: [2], units: 8, activation: 'tanh' }));
      model.add(tfl.layers.dense({ units: 8, activation: 'tanh' }));
      model.add(tfl.layers.dense({ units: 2 }));
      model.compile({ optimizer: tf.train.sgd(TINY_LEARNING_RATE), loss: (labels: TfTensor, logits: TfTensor) => tf.losses.softmaxCrossEntropy(labels, logits) });
      const tx = tf.tensor(x, [TINY_SAMPLES, 2], 'float32');
      const ty = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(y, 'int32'), 2), 'float32'));
      return {
        run: () => model.fit(tx, ty, { batchSize: TINY_BATCH, epochs: TINY_EPOCHS_PER_CALL, shuffle: true, verbose: 0 }),
        teardown: () => {
          tf.dispose([tx, ty]);
          model.dispose();
        },
      };
    });
  }

  ctx.progress(`W6 ${CASE} · ${contenders.map((c) => `${c.row.library} ${c.row.backend}`).join(', ')} interleaved …`);
  const measured: Figure[] = [];
  try {
    const budget = ctx.quick ? { warmup: 2, minMs: 400, minRuns: 5 } : { warmup: 3, minMs: 2500, minRuns: 15 };
    const timings = await measureTogetherAsync(contenders.map((c) => c.run), budget);
    const perSecond = timings.map((t) => (steps * 1000) / t.medianMs);
    const convnetIndex = contenders.findIndex((c) => c.row.library === 'ConvNetJS');
    const convnet = convnetIndex < 0 ? undefined : perSecond[convnetIndex];
    contenders.forEach((c, i) => measured.push({
      ...c.row,
      samplesPerSecond: perSecond[i],
      note: tinyNote(perSecond[i], convnet, i === convnetIndex),
      detail: { medianMs: timings[i].medianMs, runs: timings[i].runs, stepsPerCall: steps, batch: TINY_BATCH, params: TINY_PARAMS, interleaved: true },
    }));
  } catch (error) {
    for (const c of contenders) measured.push({ ...c.row, note: messageOf(error) });
  } finally {
    for (const c of contenders) c.teardown?.();
  }
  return [...measured, ...failed];
}

/** @nn's 2-8-8-2 tanh network (Glorot-uniform weights, zero biases, seed 1). */
export function nnTiny(): Layer {
  const rng = createRng(1);
  return sequential(dense(2, 8, { rng }), activation('tanh'), dense(8, 8, { rng }), activation('tanh'), dense(8, 2, { rng }));
}
