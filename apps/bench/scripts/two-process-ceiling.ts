/*
 * What a second core can give W2 and W3 training on this machine with nothing shared: the most any
 * split of the work (threads, data-parallel halves) could reach. Each workload's one-thread `fit` (the
 * wasm backend, W2's MLP at batch 64 and W3's LeNet-5 at batch 32, as in the bench) runs in a process of
 * its own for a few seconds, alone, then in two such processes side by side, which share no memory
 * and never wait for each other; rounds alternate the two, so both meet the same load. The ceiling is
 * the pair's steps/s together over one process's alone. A scalar loop (no memory traffic) is the
 * control: on two whole cores it gets 2.0×, as the bare GEMM halved in scripts/two-thread-ceiling.ts
 * nearly does. Not a test and not part of `pnpm bench`. From apps/bench:
 *
 *   node_modules/.bin/esbuild scripts/two-process-ceiling.ts --bundle --platform=node --format=esm \
 *     --conditions=source --outfile=out/two-process-ceiling.mjs \
 *     --banner:js="import { createRequire } from 'module'; const require = createRequire(import.meta.url);" \
 *     && node out/two-process-ceiling.mjs [seconds per run] [rounds]
 */
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type Layer, activation, createRng, createWasmBackend, dense, fit, fromTypedArray, lenet5, sequential, setBackend, sgd, softmaxCrossEntropy } from '@nn/core';
import { loadBenchData } from '../src/data';

type Workload = 'W2' | 'W3' | 'scalar';

/** Steps (or, for the scalar loop, blocks of 10⁵ multiply-adds) per second of `workload` over `ms`. */
async function runWorkload(workload: Workload, ms: number): Promise<number> {
  if (workload === 'scalar') {
    const end = performance.now() + ms;
    let blocks = 0;
    let x = 1.0001;
    while (performance.now() < end) {
      for (let i = 0; i < 1e5; i++) x = x * 1.0000001 + 1e-9;
      blocks++;
    }
    return x > 0 ? (blocks * 1000) / ms : 0;
  }
  const data = await loadBenchData();
  const batch = workload === 'W2' ? 64 : 32;
  const n = batch * 10;
  const shape = workload === 'W2' ? [n, 784] : [n, 1, 28, 28];
  const x = fromTypedArray(data.xTrain.slice(0, n * 784), shape, 'float32');
  const y = fromTypedArray(data.yTrain.slice(0, n), [n], 'int32');
  setBackend(await createWasmBackend({ threads: 1 }));
  const rng = createRng(1);
  const model: Layer = workload === 'W2'
    ? sequential(dense(784, 256, { rng }), activation('relu'), dense(256, 10, { rng }))
    : lenet5({ activation: 'relu', pooling: 'max', rng });
  const epoch = () => fit(model, { x, y }, { loss: softmaxCrossEntropy, optimizer: sgd(0.01, { momentum: 0.9 }), epochs: 1, batchSize: batch, progress: false });
  for (let i = 0; i < 3; i++) await epoch();
  const start = performance.now();
  let steps = 0;
  while (performance.now() - start < ms) {
    await epoch();
    steps += 10;
  }
  return (steps * 1000) / (performance.now() - start);
}

const self = fileURLToPath(import.meta.url);
/** Runs `count` processes of `workload` at once; their steps/s. */
function runSideBySide(workload: Workload, ms: number, count: number): Promise<number[]> {
  return Promise.all(Array.from({ length: count }, () => new Promise<number>((resolve, reject) => {
    execFile(process.execPath, [self, '--child', workload, String(ms)], (error, stdout) => (error ? reject(error) : resolve(Number(stdout.trim()))));
  })));
}

if (process.argv[2] === '--child') {
  process.stdout.write(`${await runWorkload(process.argv[3] as Workload, Number(process.argv[4]))}\n`);
  process.exit(0);
}
const ms = 1000 * Number(process.argv[2] ?? 4);
const rounds = Number(process.argv[3] ?? 2);
console.log(`one process alone against two side by side, ${ms / 1000} s a run, ${rounds} rounds, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}:`);
for (const workload of ['scalar', 'W2', 'W3'] as const) {
  const alone: number[] = [];
  const pairs: number[][] = [];
  for (let round = 0; round < rounds; round++) {
    alone.push(...await runSideBySide(workload, ms, 1));
    pairs.push(await runSideBySide(workload, ms, 2));
  }
  const mean = (v: number[]) => v.reduce((s, t) => s + t, 0) / v.length;
  const one = mean(alone);
  const each = mean(pairs.flat());
  const unit = workload === 'scalar' ? 'blocks/s' : 'steps/s';
  console.log(`  ${workload.padEnd(6)} alone ${one.toFixed(0)} ${unit}; beside another ${each.toFixed(0)} each (${((each / one - 1) * 100).toFixed(0)} %): two processes ${(2 * each / one).toFixed(2)}× one`);
}
