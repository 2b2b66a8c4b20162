/*
 * W7's and W9's training steps with the wasm backend's fused kernels and without them, interleaved in
 * one process, so that a loaded machine slows both alike. Not a test and not part of `pnpm bench`.
 * Run from apps/bench:
 *
 *   node_modules/.bin/esbuild scripts/fused-kernels-before-after.ts --bundle --platform=node \
 *     --format=esm --conditions=source --outfile=out/fused-kernels-before-after.mjs && nice -n 10 node out/fused-kernels-before-after.mjs
 *
 * Environment: ONLY=W7 or W9 (default both), ROUNDS (default 20) rounds of STEPS (default 10) steps per
 * contender, THREADS (default 1), WARMUP untimed steps each (default 5), MNIST=1 for the bench's digits
 * (default: random pixels; SPARSE=1 makes most of them 0), INT_LABELS=1 (with MNIST) for int32 labels as
 * the bench's, CPU_FIRST=n to train n steps per optimizer on the CPU backend first (the bench's cpu group),
 * OTHER=1 to keep a second, threaded backend alive. "before" rows are the code this change replaced: for W7 the host loops
 * of @nn/optim (the backend's `fused` entry hidden while they run); for W9 dropout and noise layers
 * written as they were (a mask from `rng.fillUniform` made on the host, `randn` noise). Random digits
 * (the step's cost hardly depends on their values); the W2 network 784-256-10, batch 64, as W7 and W9.
 * Prints each contender's median ms per step and its ratio to the first row of its workload.
 */
import {
  type GradientTransformation, type Layer, type Rng, type Tensor, activation, adam, add, applyUpdates, createRng, dense, disposeSupersededState,
  dropout, fromTypedArray, gaussianNoise, mul, oneHot, randn, rmsprop, sequential, setBackend, sgd, softmaxCrossEntropy, tensor, tidy,
  valueAndGrad, weightNoise, cpuBackend,
} from '@nn/core';
import { execSync } from 'node:child_process';
// NOTE: from the sources: the bench does not depend on @nn/gpu (see src/nn-optional.ts).
import { createWasmBackend } from '../../../packages/gpu/src/index';
import { loadBenchData } from '../src/data';

const ONLY = (process.env.ONLY ?? 'W7,W9').split(',');
const ROUNDS = Number(process.env.ROUNDS ?? 20);
const STEPS = Number(process.env.STEPS ?? 10);
const BATCH = 64;

const backend = await createWasmBackend({ threads: Number(process.env.THREADS ?? 1) });
const other = process.env.OTHER === '1' ? await createWasmBackend() : undefined; // a second backend in the process, as the bench has
setBackend(backend);
const fused = backend.fused;
const withFused = (on: boolean) => ((backend as { fused?: unknown }).fused = on ? fused : undefined);

const digits = createRng(5);
// MNIST=1: the bench's digits (W7's and W9's batches: 125 of 64), else random pixels
const mnist = process.env.MNIST === '1' ? await loadBenchData() : undefined;
const batches = mnist !== undefined ? Array.from({ length: 125 }, (_, b) => ({
  x: fromTypedArray(mnist.xTrain.slice(b * BATCH * 784, (b + 1) * BATCH * 784), [BATCH, 784], 'float32'),
  y: process.env.INT_LABELS === '1' ? fromTypedArray(mnist.yTrain.slice(b * BATCH, (b + 1) * BATCH), [BATCH], 'int32') : oneHot(fromTypedArray(mnist.yTrain.slice(b * BATCH, (b + 1) * BATCH), [BATCH], 'int32'), 10),
})) : Array.from({ length: 8 }, () => {
  const x = digits.fillUniform(new Float32Array(BATCH * 784));
  // SPARSE=1: like digits, most pixels 0 and a border that always is (its weights' gradients are 0)
  if (process.env.SPARSE === '1') for (let i = 0; i < x.length; i++) if (i % 784 < 100 || digits.uniform() < 0.8) x[i] = 0;
  const labels = Array.from({ length: BATCH }, () => digits.int(10));
  return { x: fromTypedArray(x, [BATCH, 784], 'float32'), y: oneHot(tensor(labels, [BATCH], 'int32'), 10) };
});

/** One training step per call, as fit takes it (tidy, training mode, disposeSupersededState). */
function trainingStep(model: Layer, optimizer: GradientTransformation<any>): () => void {
  let state = optimizer.init(model.params);
  const rng = createRng(2);
  let next = 0;
  return () => {
    const { x, y } = batches[next++ % batches.length];
    tidy(() => {
      const { grads } = valueAndGrad(() => softmaxCrossEntropy(model.forward(x, { training: true, rng }), y), model.params);
      const [updates, nextState] = optimizer.update(grads, state, model.params);
      applyUpdates(model.params, updates);
      disposeSupersededState(state, nextState);
      state = nextState;
      return [model.params, state];
    });
  };
}

/** The W2 network with `extra` layers after the hidden relu. */
function mlp(...extra: Layer[]): Layer {
  const rng = createRng(1);
  return sequential(dense(784, 256, { rng }), activation('relu'), ...extra, dense(256, 10, { rng }));
}

/** Dropout as it was before the keyed stream: a mask from rng.fillUniform, made on the host. */
function dropoutBefore(rate: number): Layer {
  return {
    kind: 'dropoutBefore', config: {}, params: {},
    forward(x, ctx) {
      const m = (ctx!.rng as Rng).fillUniform(new Float32Array(x.size));
      for (let i = 0; i < m.length; i++) m[i] = m[i] >= rate ? 1 / (1 - rate) : 0;
      return mul(x, fromTypedArray(m, [...x.shape], 'float32'));
    },
  };
}

/** Gaussian noise as it was: randn from the generator. */
function noiseBefore(std: number): Layer {
  return { kind: 'noiseBefore', config: {}, params: {}, forward: (x, ctx) => add(x, randn(x.shape, { rng: ctx!.rng, std })) };
}

/** Weight noise on a dense layer's w as it was: randn from the generator. */
function weightNoiseBefore(layer: Layer, std: number): Layer {
  return {
    kind: 'weightNoiseBefore', config: {}, params: layer.params,
    forward(x, ctx) {
      const p = layer.params as { w: Tensor };
      const clean = p.w;
      p.w = add(clean, randn(clean.shape, { rng: ctx!.rng, std }));
      try {
        return layer.forward(x, ctx);
      } finally {
        p.w = clean;
      }
    },
  };
}

interface Contender { readonly name: string; readonly run: () => void; readonly fused: boolean }
const contenders: Contender[] = [];
if (ONLY.includes('W7')) {
  contenders.push({ name: 'W7 sgd 0.05', run: trainingStep(mlp(), sgd(0.05)), fused: true });
  for (const [name, make] of [['momentum 0.9', () => sgd(0.05, { momentum: 0.9 })], ['adam 1e-3', () => adam(1e-3)], ['rmsprop 1e-3', () => rmsprop(1e-3)]] as const) {
    contenders.push({ name: `W7 ${name}, fused kernel`, run: trainingStep(mlp(), make()), fused: true });
    contenders.push({ name: `W7 ${name}, before (host loop)`, run: trainingStep(mlp(), make()), fused: false });
  }
}
if (ONLY.includes('W9')) {
  const inputDropout = (d: (p: number) => Layer) => {
    const rng = createRng(1);
    return sequential(d(0.2), dense(784, 256, { rng }), activation('relu'), d(0.5), dense(256, 10, { rng }));
  };
  const noisyWeights = (wrap: (l: Layer, s: number) => Layer) => {
    const rng = createRng(1);
    return sequential(wrap(dense(784, 256, { rng }), 0.01), activation('relu'), wrap(dense(256, 10, { rng }), 0.01));
  };
  contenders.push(
    { name: 'W9 plain', run: trainingStep(mlp(), sgd(0.05)), fused: true },
    { name: 'W9 dropout 0.5 (hidden)', run: trainingStep(mlp(dropout(0.5)), sgd(0.05)), fused: true },
    { name: 'W9 dropout 0.5 (hidden), before', run: trainingStep(mlp(dropoutBefore(0.5)), sgd(0.05)), fused: true },
    { name: 'W9 dropout 0.2 (inputs) + 0.5', run: trainingStep(inputDropout((p) => dropout(p)), sgd(0.05)), fused: true },
    { name: 'W9 dropout 0.2 (inputs) + 0.5, before', run: trainingStep(inputDropout(dropoutBefore), sgd(0.05)), fused: true },
    { name: 'W9 gaussian noise 0.1 (hidden)', run: trainingStep(mlp(gaussianNoise(0.1)), sgd(0.05)), fused: true },
    { name: 'W9 gaussian noise 0.1 (hidden), before', run: trainingStep(mlp(noiseBefore(0.1)), sgd(0.05)), fused: true },
    { name: 'W9 weight noise 0.01 (per example)', run: trainingStep(noisyWeights((l, s) => weightNoise(l, s)), sgd(0.05)), fused: true },
    { name: 'W9 weight noise 0.01, one draw per pass', run: trainingStep(noisyWeights((l, s) => weightNoise(l, s, { resample: 'pass' })), sgd(0.05)), fused: true },
    { name: 'W9 weight noise 0.01, before', run: trainingStep(noisyWeights(weightNoiseBefore), sgd(0.05)), fused: true },
  );
}

// CPU_FIRST=n: n steps of each W7 optimizer on the CPU backend first, as the bench's cpu group runs before wasm
if (Number(process.env.CPU_FIRST ?? 0) > 0) {
  setBackend(cpuBackend);
  for (const make of [() => sgd(0.05), () => sgd(0.05, { momentum: 0.9 }), () => adam(1e-3), () => rmsprop(1e-3)]) {
    const run = trainingStep(mlp(), make());
    for (let i = 0; i < Number(process.env.CPU_FIRST); i++) run();
  }
  setBackend(backend);
}
const times = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
for (const c of contenders) {
  withFused(c.fused);
  for (let i = 0; i < Number(process.env.WARMUP ?? 5); i++) c.run();
}
for (let round = 0; round < ROUNDS; round++) {
  for (const c of contenders) {
    withFused(c.fused);
    const started = performance.now();
    for (let i = 0; i < STEPS; i++) c.run();
    times.get(c.name)!.push((performance.now() - started) / STEPS);
  }
}
withFused(true);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`wasm, ${backend.threads} thread(s), ${ROUNDS} interleaved rounds of ${STEPS} steps; ${execSync('uptime').toString().trim()}`);
let base = 0;
for (const c of contenders) {
  const ms = median(times.get(c.name)!);
  if (c.name === 'W7 sgd 0.05' || c.name === 'W9 plain') base = ms;
  console.log(`${c.name.padEnd(44)} ${ms.toFixed(3)} ms/step  ${(ms / base).toFixed(2)}×`);
}
await backend.close();
