/*
 * Two threads against one when inference comes in bursts: W4's networks (the MLP and LeNet-5, batch
 * 256, `predict` then the result read back) on the wasm backend with one thread and with two, called
 * back to back, after 10 ms of other work on this thread (as the bench interleaves libraries), and
 * after 10 or 50 ms asleep (as an interactive page or a server between requests: the whole process
 * idle), and after 10 ms asleep then 5 ms of work (a page that draws a frame between calls). Calls
 * alternate between the two backends; medians of 100 each. A first argument sets the two-thread
 * backend's `spinMs` (default: the library's). Then the same without any library: a bare worker
 * thread woken with Atomics.notify to run 0.5 ms of work, six wakes 0.3 ms apart after the process
 * slept 20 ms — how long the waking thread's wake-up and the next check take, which on a machine that
 * gives both threads a core at once stay in the microseconds. Not a test and not part of `pnpm bench`.
 * From apps/bench:
 *
 *   node_modules/.bin/esbuild scripts/idle-gaps.ts --bundle --platform=node --format=esm \
 *     --conditions=source --outfile=out/idle-gaps.mjs \
 *     --banner:js="import { createRequire } from 'module'; const require = createRequire(import.meta.url);" \
 *     && node out/idle-gaps.mjs [spinMs]
 */
import { Worker } from 'node:worker_threads';
import { loadavg } from 'node:os';
import { type Layer, type Tensor, activation, createRng, createWasmBackend, dense, lenet5, predict, randu, sequential, setBackend } from '@nn/core';

// `node out/idle-gaps.mjs 0`: the two-thread backend's helpers sleep ~50 µs after a share (spinMs: 0, as before 2026-12-07)
const spinMs = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
const backends = [await createWasmBackend({ threads: 1 }), await createWasmBackend({ threads: 2, spinMs })];
const rng = createRng(1);
const nets: [string, Layer, Tensor][] = [
  ['MLP 784-256-10', sequential(dense(784, 256, { rng }), activation('relu'), dense(256, 10, { rng })), randu([256, 784], { rng: createRng(2) })],
  ['LeNet-5', lenet5({ activation: 'relu', pooling: 'max', rng }), randu([256, 1, 28, 28], { rng: createRng(2) })],
];
const sleepFor = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const workFor = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
const gaps: [string, () => void][] = [
  ['back to back', () => {}],
  ['after 10 ms of work', () => workFor(10)],
  ['after 10 ms asleep', () => sleepFor(10)],
  ['after 50 ms asleep', () => sleepFor(50)],
  ['after 10 ms asleep + 5 of work', () => {
    sleepFor(10);
    workFor(5);
  }],
];
const median = (v: number[]) => [...v].sort((p, q) => p - q)[v.length >> 1];

console.log(`W4's inference, ms a call (two threads: spinMs ${spinMs ?? 'default'}; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}):`);
for (const [name, model, x] of nets) {
  for (const [gap, before] of gaps) {
    const ms: number[][] = [[], []];
    for (let i = 0; i < 210; i++) {
      const which = i % 2;
      setBackend(backends[which]);
      before();
      const start = performance.now();
      predict(model, x, { batchSize: 256 }).dataSync();
      if (i >= 10) ms[which].push(performance.now() - start);
    }
    const [one, two] = ms.map(median);
    console.log(`  ${name.padEnd(15)} ${gap.padEnd(30)} one thread ${one.toFixed(2)}, two ${two.toFixed(2)} (two ${((one / two - 1) * 100).toFixed(0)} % faster)`);
  }
}

// control words: [0] wake sequence, [1] the sequence whose work the worker finished
const control = new Int32Array(new SharedArrayBuffer(8));
const worker = new Worker(`
const { workerData: control } = require('node:worker_threads');
let seen = 0;
for (;;) {
  for (let spin = 0; spin < 20000 && Atomics.load(control, 0) === seen; spin++);
  Atomics.wait(control, 0, seen);
  seen = Atomics.load(control, 0);
  const end = performance.now() + 0.5;
  while (performance.now() < end);
  Atomics.store(control, 1, seen);
}
`, { eval: true, workerData: control });
worker.unref();
sleepFor(200);
const wakes: number[][] = Array.from({ length: 6 }, () => []);
for (let round = 0; round < 60; round++) {
  sleepFor(20);
  for (let w = 0; w < 6; w++) {
    const start = performance.now();
    const sequence = Atomics.add(control, 0, 1) + 1;
    Atomics.notify(control, 0);
    wakes[w].push(performance.now() - start);
    while (Atomics.load(control, 1) !== sequence);
    workFor(0.3);
  }
}
console.log(`a bare worker woken six times after a 20 ms sleep, ms the waking call took (medians of 60): ${wakes.map((w) => median(w).toFixed(3)).join(', ')}`);
process.exit(0);
