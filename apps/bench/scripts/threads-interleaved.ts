/*
 * LeNet-5 training steps (W3's: batch 32, SGD 0.01 momentum 0.9) on the wasm backend with one thread
 * and with two, interleaved step by step in one process, so that both meet the same load: the median
 * step of each and their ratio. For issue 15's "two threads never more than 10 % slower than one on a
 * busy machine": run it with and without `--busy` (a child process spinning on one core, as
 * `pnpm bench --busy` starts). Not a test and not part of `pnpm bench`. From apps/bench:
 *
 *   node_modules/.bin/esbuild scripts/threads-interleaved.ts --bundle \
 *     --platform=node --format=esm --conditions=source --outfile=out/threads-interleaved.mjs && node out/threads-interleaved.mjs [steps] [--busy]
 */
import { applyUpdates, createRng, fromTypedArray, lenet5, setBackend, sgd, softmaxCrossEntropy, tidy, valueAndGrad } from '@nn/core';
import { loadavg } from 'node:os';
// NOTE: from the sources: the bench does not depend on @nn/gpu (see src/nn-optional.ts).
import { createWasmBackend } from '../../../packages/gpu/src/index';
import { startBusyProcess } from '../src/busy';
import { loadBenchData } from '../src/data';

const STEPS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 200);
const busy = process.argv.includes('--busy') ? startBusyProcess() : undefined;
const data = await loadBenchData();
const batches = Array.from({ length: 50 }, (_, b) => ({
  x: fromTypedArray(data.xTrain.slice(b * 32 * 784, (b + 1) * 32 * 784), [32, 1, 28, 28], 'float32'),
  y: fromTypedArray(data.yTrain.slice(b * 32, (b + 1) * 32), [32], 'int32'),
}));
const runs = await Promise.all([1, 2].map(async (threads) => {
  const backend = await createWasmBackend({ threads });
  setBackend(backend);
  const model = lenet5({ activation: 'relu', pooling: 'max', rng: createRng(1) });
  const optimizer = sgd(0.01, { momentum: 0.9 });
  return { threads, backend, model, optimizer, state: optimizer.init(model.params), times: [] as number[], solo: 0 };
}));
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
for (let s = 0; s < STEPS + 10; s++) {
  for (const run of s % 2 === 0 ? runs : [...runs].reverse()) {
    setBackend(run.backend);
    const { x, y } = batches[s % batches.length];
    const start = performance.now();
    tidy(() => {
      const { grads } = valueAndGrad(() => softmaxCrossEntropy(run.model.forward(x, { training: true }), y), run.model.params);
      const [updates, next] = run.optimizer.update(grads, run.state, run.model.params);
      applyUpdates(run.model.params, updates);
      run.state = next;
      return [run.model.params, run.state];
    });
    if (s >= 10) {
      run.times.push(performance.now() - start);
      if (run.backend.threads === 1) run.solo++;
    }
  }
}
const [one, two] = runs.map((r) => median(r.times));
console.log(`load ${loadavg().map((l) => l.toFixed(1)).join(' ')}${busy ? ', --busy' : ''}: one thread ${one.toFixed(2)} ms/step, two ${two.toFixed(2)} ms/step (on one thread after ${runs[1].solo} of ${STEPS} steps: helpers measured starved); two ÷ one speed ${(one / two).toFixed(2)}×`);
for (const r of runs) await r.backend.close();
await busy?.stop();
