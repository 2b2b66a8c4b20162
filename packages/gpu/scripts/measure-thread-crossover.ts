/*
 * Where sharing a matmul with helper threads starts to pay (README "Threads"; THREADED_MIN_MACS in
 * src/wasm/matmul.ts). Not a test: speed is never asserted. Run from packages/gpu:
 *
 *   npx esbuild scripts/measure-thread-crossover.ts --bundle --platform=node --format=esm --conditions=source \
 *     --outfile=out/measure-thread-crossover.mjs && node out/measure-thread-crossover.mjs
 *
 * Each product runs on a one-thread backend and on one with every core, and the script prints the median
 * times and their ratio. Products under THREADED_MIN_MACS run on one thread in both (ratio ≈ 1 by
 * construction): to see what splitting them would do, lower the constant and rebuild.
 */
import { type KernelInput, createRng, sizeOf } from '@nn/tensor';
import { createWasmBackend } from '../src/wasm/create-wasm-backend';
import { availableCores } from '../src/wasm/gemm-threads';

const rng = createRng(1);
const one = await createWasmBackend({ threads: 1 });
const all = await createWasmBackend({ threads: availableCores() });

function operand(shape: number[]): KernelInput {
  return { data: rng.fillNormal(new Float32Array(sizeOf(shape))), shape, dtype: 'float32' };
}

/** Median ms of runs over at least 400 ms, after one warm-up run. */
function median(f: () => void): number {
  f();
  const times: number[] = [];
  const end = performance.now() + 400;
  while (performance.now() < end || times.length < 5) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return times.sort((x, y) => x - y)[times.length >> 1];
}

console.log(`threads: 1 vs ${all.threads}; float32; ratio > 1 means the threads were faster`);
const cases: [string, number[], number[]][] = [
  ...[48, 64, 80, 96, 128, 192, 256, 512, 1024].map((n) => [`${n}³`, [n, n], [n, n]] as [string, number[], number[]]),
  ['conv1 b32 (6×26·26×784)', [6, 26], [32, 26, 784]],
  ['conv2 b32 (16×151·151×100)', [16, 151], [32, 151, 100]],
];
for (const [name, aShape, bShape] of cases) {
  const a = operand(aShape);
  const b = operand(bShape);
  const outShape = [...bShape.slice(0, -2), aShape[0], bShape[bShape.length - 1]];
  const run = (backend: typeof one) => () => void backend.kernels.matmul([a, b], { transposeA: false, transposeB: false }, { shape: outShape, dtype: 'float32' });
  const t1 = median(run(one));
  const tn = median(run(all));
  const macs = (sizeOf(outShape) * aShape[1]);
  console.log(`${name.padEnd(28)} MACs ${String(macs).padStart(11)}  1 thread ${t1.toFixed(3)} ms  ${all.threads} threads ${tn.toFixed(3)} ms  ratio ${(t1 / tn).toFixed(2)}`);
}
await all.close();
