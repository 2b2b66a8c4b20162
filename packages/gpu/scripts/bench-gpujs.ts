/*
 * Scratch benchmark of the gpu.js backend (figures in README.md, "gpu.js backend"). Not a test: speed
 * is never asserted. Run from packages/gpu (add `xvfb-run -a` and NN_GPUJS_MODES=headlessgl once `gl` is built):
 *
 *   npx esbuild scripts/bench-gpujs.ts --bundle --platform=node --format=esm --conditions=source \
 *     --external:gpu.js --outfile=out/bench-gpujs.mjs && node out/bench-gpujs.mjs
 */
import {
  type Backend, add, cpuBackend, createRng, logSoftmax, matmul, mean, mul, neg, relu, setBackend, sub, sum, tensor, valueAndGrad,
} from '@nn/tensor';
import { createGpuBackend } from '../src/gpujs/create-gpu-backend';
import type { GpuMode } from '../src/gpujs/open-gpu';

const modes = (process.env.NN_GPUJS_MODES ?? 'webasm,cpu').split(',') as GpuMode[];
const rng = createRng(1);
const random = (size: number, scale = 1) => rng.fillUniform(new Float32Array(size), -scale, scale);

/** Best wall time of `repeats` runs of f (after one warm-up run), in ms. */
function best(f: () => void, repeats: number): number {
  f();
  let min = Infinity;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    f();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

function matmulGflops(backend: Backend, n: number, repeats: number): number {
  const a = backend.upload(random(n * n), 'float32');
  const b = backend.upload(random(n * n), 'float32');
  const ms = best(() => {
    const c = backend.kernels.matmul(
      [{ data: a, shape: [n, n], dtype: 'float32' }, { data: b, shape: [n, n], dtype: 'float32' }],
      { transposeA: false, transposeB: false }, { shape: [n, n], dtype: 'float32' });
    backend.download(c, 'float32', n * n); // GL work finishes when its result is read
    backend.dispose?.(c);
  }, repeats);
  return (2 * n ** 3) / ms / 1e6;
}

function broadcastAddMs(backend: Backend, onHost: boolean): number {
  const [rows, cols] = [256, 512];
  const a = backend.upload(random(rows * cols), 'float32');
  const bias = random(cols);
  const biasData = backend.upload(bias.slice(), 'float32');
  return best(() => {
    const b = onHost
      ? backend.upload(cpuBackend.kernels.broadcastTo([{ data: bias, shape: [cols], dtype: 'float32' }], { shape: [rows, cols] }, { shape: [rows, cols], dtype: 'float32' }) as Float32Array, 'float32')
      : biasData;
    const c = backend.kernels.add(
      [{ data: a, shape: [rows, cols], dtype: 'float32' }, { data: b, shape: onHost ? [rows, cols] : [cols], dtype: 'float32' }],
      {}, { shape: [rows, cols], dtype: 'float32' });
    backend.download(c, 'float32', rows * cols);
  }, 10);
}

/** Samples per second of SGD steps on a 784-256-10 MLP (relu, softmax cross-entropy), batch `batch`. */
function mlpSamplesPerSecond(backend: Backend, batch: number, steps: number): number {
  setBackend(backend);
  try {
    const params = {
      w1: tensor(random(784 * 256, 0.05), [784, 256]), b1: tensor(new Float32Array(256), [256]),
      w2: tensor(random(256 * 10, 0.1), [256, 10]), b2: tensor(new Float32Array(10), [10]),
    };
    const x = tensor(random(batch * 784), [batch, 784]);
    const oneHot = new Float32Array(batch * 10);
    for (let i = 0; i < batch; i++) oneHot[i * 10 + (i % 10)] = 1;
    const y = tensor(oneHot, [batch, 10]);
    let p = params;
    const step = () => {
      const { value, grads } = valueAndGrad((q) => {
        const logits = add(matmul(relu(add(matmul(x, q.w1), q.b1)), q.w2), q.b2);
        return neg(mean(sum(mul(logSoftmax(logits), y), 1)));
      }, p);
      p = { w1: sub(p.w1, mul(grads.w1, 0.1)), b1: sub(p.b1, mul(grads.b1, 0.1)), w2: sub(p.w2, mul(grads.w2, 0.1)), b2: sub(p.b2, mul(grads.b2, 0.1)) };
      value.item();
    };
    // warm-up: the first steps compile kernels (and, in GL modes, meet the updated params' texture kinds)
    step();
    step();
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) step();
    return (batch * steps) / ((performance.now() - t0) / 1000);
  } finally {
    setBackend(cpuBackend);
  }
}

const rows: string[] = [];
const report = (what: string, value: string) => {
  rows.push(`| ${what} | ${value} |`);
  console.log(what.padEnd(60), value);
};
report('cpu backend (@nn/tensor, plain JS): matmul 256', `${matmulGflops(cpuBackend, 256, 5).toFixed(2)} GFLOPS`);
report('cpu backend (@nn/tensor, plain JS): matmul 512', `${matmulGflops(cpuBackend, 512, 3).toFixed(2)} GFLOPS`);
report('cpu backend (@nn/tensor, plain JS): MLP 784-256-10, batch 128', `${mlpSamplesPerSecond(cpuBackend, 128, 10).toFixed(0)} samples/s`);
for (const mode of modes) {
  const backend = await createGpuBackend({ mode });
  const slow = backend.mode === 'cpu';
  report(`${backend.name}: matmul 256`, `${matmulGflops(backend, 256, slow ? 2 : 5).toFixed(2)} GFLOPS`);
  report(`${backend.name}: matmul 512`, `${matmulGflops(backend, 512, slow ? 1 : 3).toFixed(2)} GFLOPS`);
  report(`${backend.name}: add [256,512] + [512], broadcast in the kernel`, `${broadcastAddMs(backend, false).toFixed(2)} ms`);
  report(`${backend.name}: add [256,512] + [512], broadcast on the host first`, `${broadcastAddMs(backend, true).toFixed(2)} ms`);
  report(`${backend.name}: MLP 784-256-10, batch 128`, `${mlpSamplesPerSecond(backend, 128, slow ? 2 : 5).toFixed(0)} samples/s`);
  await backend.destroy();
}
console.log(`\n| measurement | result |\n|---|---|\n${rows.join('\n')}`);
