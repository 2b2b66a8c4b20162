/*
 * What two threads can give on this machine, with no library in the way: the wasm backend's own
 * float32 GEMM kernel (sgemmBatch, over one shared memory) timed on the calling thread (1) alone, the
 * other thread asleep in Atomics.wait; (2) while the other thread spins on a word of shared memory, as
 * a helper does between shares; (3) with the product's columns halved between the two threads (the
 * helper spinning just before, so no wake-up is timed): the most a split product can gain. Rounds
 * interleave the three, so all meet the same load; medians. On a machine whose two cores are whole
 * cores, (2) ≈ (1) and (3) ≈ 2 × (1); on two hardware threads of one core (or a host that schedules
 * them so), (2) and (3) show what they share. Not a test and not part of `pnpm bench`. From apps/bench:
 *
 *   node_modules/.bin/esbuild scripts/two-thread-ceiling.ts --bundle --platform=node --format=esm \
 *     --conditions=source --outfile=out/two-thread-ceiling.mjs && node out/two-thread-ceiling.mjs [n] [rounds]
 */
import { Worker } from 'node:worker_threads';
import { loadavg } from 'node:os';
// NOTE: from the sources: the bench does not depend on @nn/gpu (see src/nn-optional.ts).
import { instantiateSharedKernelsSync } from '../../../packages/gpu/src/wasm/kernels-module';

const n = Number(process.argv[2] ?? 512);
const rounds = Number(process.argv[3] ?? 40);
const { module, memory, exports: kernels } = instantiateSharedKernelsSync();
const bytes = 4 * n * n;
const workBytes = kernels.gemmWorkBytes(n, n, n, 4);
const a = kernels.heapBase();
const b = a + bytes;
const c = b + bytes;
const starts = c + bytes;
const ownWork = starts + 64;
const helperWork = ownWork + workBytes + 64;
memory.grow(Math.ceil((helperWork + workBytes + 64) / 65536));
const floats = new Float32Array(memory.buffer);
for (let i = 0; i < 2 * n * n; i++) floats[a / 4 + i] = Math.random();
new Int32Array(memory.buffer)[starts / 4] = 0;

/** Control words: [0] the command's sequence number, [1] the command (SLEEP, SPIN, HALF), [2] the sequence the helper last finished. */
const control = new Int32Array(new SharedArrayBuffer(16));
const SLEEP = 0;
const SPIN = 1;
const HALF = 2;
const helper = new Worker(`
const { workerData: { module, memory, control, args } } = require('node:worker_threads');
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
let seen = 0;
for (;;) {
  Atomics.wait(control, 0, seen);
  seen = Atomics.load(control, 0);
  const command = Atomics.load(control, 1);
  if (command === ${SPIN}) while (Atomics.load(control, 0) === seen);
  else if (command === ${HALF}) kernels.sgemmBatch(...args);
  Atomics.store(control, 2, seen);
  if (command === ${SPIN}) seen = Atomics.load(control, 0) - 1;
}
`, { eval: true, workerData: { module, memory, control, args: [0, 0, n, n, n, a, b, c, helperWork, starts, starts, 0, 1, 0, n, n / 2, n] } });
helper.unref();

let sequence = 0;
/** Tells the helper `command` (it wakes from Atomics.wait). */
const tell = (command: number) => {
  Atomics.store(control, 1, command);
  Atomics.store(control, 0, ++sequence);
  Atomics.notify(control, 0);
};
const product = (col0: number, col1: number) => kernels.sgemmBatch(0, 0, n, n, n, a, b, c, ownWork, starts, starts, 0, 1, 0, n, col0, col1);
const timed = (fn: () => void) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};
const times = { alone: [] as number[], besideSpinner: [] as number[], halves: [] as number[] };
await new Promise((resolve) => setTimeout(resolve, 200));
for (let round = 0; round < rounds + 2; round++) {
  const alone = timed(() => product(0, n));
  tell(SPIN);
  const besideSpinner = timed(() => product(0, n));
  // the spinner ends on the next command: compute the other half
  const halves = timed(() => {
    tell(HALF);
    product(0, n / 2);
    while (Atomics.load(control, 2) !== sequence);
  });
  if (round < 2) continue;
  times.alone.push(alone);
  times.besideSpinner.push(besideSpinner);
  times.halves.push(halves);
}
const median = (v: number[]) => [...v].sort((p, q) => p - q)[v.length >> 1];
const gflops = (ms: number) => (2 * n ** 3) / ms / 1e6;
const [alone, besideSpinner, halves] = [times.alone, times.besideSpinner, times.halves].map((v) => gflops(median(v)));
console.log(`sgemm n = ${n}, ${rounds} rounds, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}:`);
console.log(`  one thread, the other asleep:       ${alone.toFixed(1)} GFLOPS`);
console.log(`  one thread beside a spinning one:   ${besideSpinner.toFixed(1)} GFLOPS (${((besideSpinner / alone - 1) * 100).toFixed(0)} %)`);
console.log(`  columns halved between two threads: ${halves.toFixed(1)} GFLOPS (${(halves / alone).toFixed(2)}× one thread alone)`);
process.exit(0);
