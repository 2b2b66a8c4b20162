/**
 * The page of the bench's browser run (`pnpm bench --browser`): W2 and W4 measured inside Chromium.
 * browser-run.ts bundles this file with esbuild for the browser, serves it cross-origin isolated (so the
 * wasm backend has its Web Worker helpers) next to the digits as binary files, and calls
 * `window.benchBrowser(options)`, which returns the figures. Progress goes to the console.
 */
import * as nn from '@nn/core';
import type { Tensor as TfTensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { PIXELS, nnDataset } from './data';
import { type Measurement, measure, measureTogether } from './measure';
import { LENET5_FORWARD_FLOPS, MLP_FORWARD_FLOPS, TRAIN_FLOPS_FACTOR, nnMlp, tfjsLenet5, tfjsMlp } from './models';
import type { TrainPlan } from './plan';
import type { Figure } from './table';
import { type Trainer, runTraining } from './train';

/** What browser-run.ts asks for. */
export interface BrowserBenchOptions {
  readonly workloads: readonly ('W2' | 'W4')[];
  /** W2 on the cpu and wasm backends and tfjs wasm. */
  readonly train: TrainPlan;
  /** W2 on gpu.js (slow on a software GL). */
  readonly trainGpu: TrainPlan;
  /** W4: median of at least `minRuns` runs over `minMs`, after one warm-up run. */
  readonly minMs: number;
  readonly minRuns: number;
  /** Training digits to fetch (the largest `warmup`/`timed` count). */
  readonly trainSamples: number;
}

/** What the page found out about its context, for the tables' header. */
export interface BrowserBenchResult {
  readonly userAgent: string;
  readonly crossOriginIsolated: boolean;
  readonly hardwareConcurrency: number;
  readonly backends: readonly string[];
  readonly notes: readonly string[];
  readonly tfjsWasm: string;
  readonly figures: readonly Figure[];
}

interface PageBackend {
  readonly name: string;
  readonly backend: nn.Backend;
}

const LEARNING_RATE = 0.05;
const BATCH = 64;
const INFERENCE_BATCH = 256;

async function fetchArray<T>(path: string, make: (buffer: ArrayBuffer) => T): Promise<T> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`fetch ${path}: ${response.status}`);
  return make(await response.arrayBuffer());
}

/** cpu, wasm on one thread, wasm on every core (Web Workers), gpu.js in its best mode here. */
async function makeBackends(notes: string[]): Promise<PageBackend[]> {
  const list: PageBackend[] = [{ name: 'cpu', backend: nn.cpuBackend }];
  list.push({ name: 'wasm', backend: await nn.createWasmBackend({ threads: 1 }) });
  const threaded = await nn.createWasmBackend();
  if (threaded.threads > 1) list.push({ name: `wasm×${threaded.threads}`, backend: threaded });
  else notes.push(`wasm×N: n/a (${threaded.singleThreadReason ?? 'one core'})`);
  try {
    const gpu = await nn.createGpuBackend({ mode: 'auto' });
    list.push({ name: gpu.name, backend: gpu });
  } catch (error) {
    notes.push(`gpu.js: n/a (${(error as Error).message})`);
  }
  return list;
}

interface Tfjs {
  readonly tf: typeof import('@tensorflow/tfjs-core');
  readonly tfl: typeof import('@tensorflow/tfjs-layers');
  readonly threads: number;
}

/**
 * tfjs with its wasm backend (its .wasm files served under /tfjs/), asked for every core as @nn's wasm×N.
 * NOTE: on this cross-origin isolated page it finds multithread support (WASM_HAS_MULTITHREAD_SUPPORT
 * true), yet reports 1 thread in headless Chromium on 2 cores; the tables name what it reports.
 */
async function loadTfjsWasm(): Promise<Tfjs | string> {
  try {
    const [tf, tfl, tfwasm] = await Promise.all([import('@tensorflow/tfjs-core'), import('@tensorflow/tfjs-layers'), import('@tensorflow/tfjs-backend-wasm')]);
    tfwasm.setWasmPaths(new URL('./tfjs/', location.href).href);
    tfwasm.setThreadsCount(Math.max(1, navigator.hardwareConcurrency));
    if (!(await tf.setBackend('wasm'))) return 'tf.setBackend("wasm") failed';
    await tf.ready();
    return { tf, tfl, threads: tfwasm.getThreadsCount() };
  } catch (error) {
    return (error as Error).message;
  }
}

type Row = Pick<Figure, 'workload' | 'case' | 'library' | 'backend' | 'ours'>;

function log(line: string): void {
  console.log(`  · ${line}`);
}

async function attempt(row: Row, run: () => Promise<Omit<Figure, keyof Row>>): Promise<Figure> {
  const label = `${row.workload} ${row.case} · ${row.library} ${row.backend}`;
  log(`${label} …`);
  try {
    const figure = { ...row, ...(await run()) };
    log(`${label}: ${Math.round(figure.samplesPerSecond ?? 0)} samples/s`);
    return figure;
  } catch (error) {
    log(`${label}: n/a (${(error as Error).message})`);
    return { ...row, note: (error as Error).message.split('\n')[0] };
  }
}

function nnTrainer(xTrain: Float32Array, yTrain: Int32Array): Trainer {
  const model = nnMlp(nn.createRng(1));
  const optimizer = nn.sgd(LEARNING_RATE);
  const sets = new Map<number, nn.Dataset>();
  return {
    async epoch(count, seed) {
      if (!sets.has(count)) sets.set(count, nnDataset(xTrain, yTrain, count));
      await nn.fit(model, sets.get(count)!, { loss: nn.softmaxCrossEntropy, optimizer, batchSize: BATCH, epochs: 1, shuffle: true, seed, progress: false });
    },
  };
}

function tfjsTrainer({ tf, tfl }: Tfjs, xTrain: Float32Array, yTrain: Int32Array): Trainer {
  const model: LayersModel = tfjsMlp(tfl);
  model.compile({ optimizer: tf.train.sgd(LEARNING_RATE), loss: (labels: TfTensor, logits: TfTensor) => tf.losses.softmaxCrossEntropy(labels, logits) });
  const sets = new Map<number, [TfTensor, TfTensor]>();
  return {
    async epoch(count) {
      if (!sets.has(count)) {
        const x = tf.tensor(xTrain.subarray(0, count * PIXELS), [count, PIXELS], 'float32');
        const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(yTrain.subarray(0, count), 'int32'), 10), 'float32'));
        sets.set(count, [x, y]);
      }
      const [x, y] = sets.get(count)!;
      await model.fit(x, y, { batchSize: BATCH, epochs: 1, shuffle: true, verbose: 0 });
    },
    dispose() {
      for (const pair of sets.values()) tf.dispose(pair);
      model.dispose();
    },
  };
}

/** W2: the MLP 784-256-10 trained by `fit` (SGD 0.05, batch 64): samples/s of a pass after a warm-up pass, each backend in its own block. */
async function w2(backends: readonly PageBackend[], tfjs: Tfjs | string, options: BrowserBenchOptions, xTrain: Float32Array, yTrain: Int32Array): Promise<Figure[]> {
  const row = { workload: 'W2', case: 'MLP 784-256-10' } as const;
  const toFigure = ({ samplesPerSecond, detail }: Awaited<ReturnType<typeof runTraining>>) => ({
    samplesPerSecond,
    gflops: (samplesPerSecond * MLP_FORWARD_FLOPS * TRAIN_FLOPS_FACTOR) / 1e9,
    detail,
  });
  const figures: Figure[] = [];
  for (const b of backends) {
    const plan = b.name.startsWith('gpu.js') ? options.trainGpu : options.train;
    figures.push(await attempt({ ...row, library: '@nn', backend: b.name, ours: true }, async () => {
      nn.setBackend(b.backend);
      try {
        return toFigure(await runTraining(nnTrainer(xTrain, yTrain), plan));
      } finally {
        nn.setBackend(nn.cpuBackend);
      }
    }));
  }
  const peer = { ...row, library: 'tfjs', backend: typeof tfjs === 'string' ? 'wasm' : `wasm×${tfjs.threads}`, ours: false } as const;
  figures.push(typeof tfjs === 'string'
    ? { ...peer, note: tfjs }
    : await attempt(peer, async () => toFigure(await runTraining(tfjsTrainer(tfjs, xTrain, yTrain), options.train))));
  return figures;
}

/** W4: the MLP and LeNet-5 forward on 256 test digits, read back; @nn's cpu and wasm backends and tfjs wasm interleaved, gpu.js on its own. */
async function w4(backends: readonly PageBackend[], tfjs: Tfjs | string, options: BrowserBenchOptions, xTest: Float32Array, yTest: Int32Array): Promise<Figure[]> {
  const timing = { warmup: 1, minMs: options.minMs, minRuns: options.minRuns };
  const nets = [
    { name: 'MLP 784-256-10', flops: MLP_FORWARD_FLOPS, shape: [PIXELS], tfShape: [PIXELS], nn: () => nnMlp(nn.createRng(1)), tfjs: tfjsMlp },
    {
      name: 'LeNet-5', flops: LENET5_FORWARD_FLOPS, shape: [1, 28, 28], tfShape: [28, 28, 1],
      nn: () => nn.lenet5({ activation: 'relu', pooling: 'max', rng: nn.createRng(1) }), tfjs: tfjsLenet5,
    },
  ];
  const figures: Figure[] = [];
  for (const net of nets) {
    const row = { workload: 'W4', case: net.name } as const;
    const toFigure = ({ medianMs, runs }: Measurement, interleaved: boolean) => {
      const samplesPerSecond = INFERENCE_BATCH / (medianMs / 1000);
      return { samplesPerSecond, gflops: (samplesPerSecond * net.flops) / 1e9, detail: { batch: INFERENCE_BATCH, medianMs, runs, interleaved } };
    };
    const calls = backends.map((b) => {
      nn.setBackend(b.backend);
      const { x } = nnDataset(xTest, yTest, INFERENCE_BATCH, net.shape);
      const model = net.nn();
      nn.setBackend(nn.cpuBackend);
      return {
        row: { ...row, library: '@nn', backend: b.name, ours: true },
        run: () => {
          nn.setBackend(b.backend);
          void nn.predict(model, x, { batchSize: INFERENCE_BATCH }).dataSync();
          nn.setBackend(nn.cpuBackend);
        },
      };
    });
    let tfjsCall: { row: Row; run: () => void; dispose: () => void } | undefined;
    const tfRow = { ...row, library: 'tfjs', backend: typeof tfjs === 'string' ? 'wasm' : `wasm×${tfjs.threads}`, ours: false } as const;
    if (typeof tfjs !== 'string') {
      const model = net.tfjs(tfjs.tfl);
      const x = tfjs.tf.tensor(xTest.subarray(0, INFERENCE_BATCH * PIXELS), [INFERENCE_BATCH, ...net.tfShape], 'float32');
      tfjsCall = {
        row: tfRow,
        run: () => {
          // NOTE: the whole batch at once, as @nn's predict is asked to: tfjs-layers' default is batches of 32
          const y = model.predict(x, { batchSize: INFERENCE_BATCH }) as TfTensor;
          y.dataSync();
          y.dispose();
        },
        dispose: () => {
          x.dispose();
          model.dispose();
        },
      };
    }
    const together = [...calls.filter((c) => !c.row.backend.startsWith('gpu.js')), ...(tfjsCall ? [tfjsCall] : [])];
    log(`W4 ${net.name} · ${together.map((c) => `${c.row.library} ${c.row.backend}`).join(', ')} interleaved …`);
    const measured = measureTogether(together.map((c) => c.run), timing);
    const byRow = new Map<Row, Figure>(together.map((c, i) => [c.row, { ...c.row, ...toFigure(measured[i], true) }]));
    for (const c of calls.filter((c) => c.row.backend.startsWith('gpu.js'))) {
      byRow.set(c.row, await attempt(c.row, async () => toFigure(measure(c.run, timing), false)));
    }
    tfjsCall?.dispose();
    figures.push(...calls.map((c) => byRow.get(c.row)!), tfjsCall ? byRow.get(tfjsCall.row)! : { ...tfRow, note: tfjs as string });
  }
  return figures;
}

async function benchBrowser(options: BrowserBenchOptions): Promise<BrowserBenchResult> {
  const notes: string[] = [];
  const [xTrain, yTrain, xTest, yTest] = await Promise.all([
    fetchArray('./data/train-x.bin', (b) => new Float32Array(b)),
    fetchArray('./data/train-y.bin', (b) => new Int32Array(b)),
    fetchArray('./data/test-x.bin', (b) => new Float32Array(b)),
    fetchArray('./data/test-y.bin', (b) => new Int32Array(b)),
  ]);
  const backends = await makeBackends(notes);
  log(`@nn backends: ${backends.map((b) => b.name).join(', ')}`);
  const tfjs = await loadTfjsWasm();
  const figures: Figure[] = [];
  if (options.workloads.includes('W2')) figures.push(...(await w2(backends, tfjs, options, xTrain, yTrain)));
  if (options.workloads.includes('W4')) figures.push(...(await w4(backends, tfjs, options, xTest, yTest)));
  return {
    userAgent: navigator.userAgent,
    crossOriginIsolated,
    hardwareConcurrency: navigator.hardwareConcurrency,
    backends: backends.map((b) => b.name),
    notes,
    tfjsWasm: typeof tfjs === 'string' ? `n/a (${tfjs})` : `${tfjs.threads} thread${tfjs.threads === 1 ? '' : 's'}, SIMD ${tfjs.tf.env().getBool('WASM_HAS_SIMD_SUPPORT')}`,
    figures,
  };
}

(globalThis as { benchBrowser?: typeof benchBrowser }).benchBrowser = benchBrowser;
