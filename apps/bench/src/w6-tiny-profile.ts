/**
 * The W6 step taken apart (run by hand, not by the bench): microseconds per step of each part of a
 * `fit` step of the 2-8-8-2 tanh network at batch 10 — batching, the forward and backward pass eager
 * and replayed, the optimizer's update and applyUpdates, the NaN check, tidy — then whole fit steps
 * with and without replay. Medians of 5 rounds of 4,000 calls each.
 *
 *   cd apps/bench && npx esbuild src/w6-tiny-profile.ts --bundle --platform=node --format=esm \
 *     --conditions=source --outfile=results/w6-tiny-profile.mjs && node results/w6-tiny-profile.mjs cpu   # or wasm
 */
import {
  type Params, type Tensor, applyUpdates, batches, createRng, createWasmBackend, fit, fromTypedArray, replayable, setBackend,
  sgd, softmaxCrossEntropy, tidy, treeLeaves, valueAndGrad,
} from '@nn/core';
import { nnTiny, tinyData } from './w6-tiny';

const backendName = process.argv[2] ?? 'cpu';
if (backendName === 'wasm') setBackend(await createWasmBackend({ threads: 1 }));
const { x, y } = tinyData();
const data = { x: fromTypedArray(x, [200, 2], 'float32'), y: fromTypedArray(y, [200], 'int32') };
const model = nnTiny();
const rng = createRng(2);
const optimizer = sgd(0.1);
const state = optimizer.init(model.params);
const forwardBackward = (params: Params, bx: Tensor, by: Tensor) => {
  let prediction: Tensor | undefined;
  const { value, grads } = valueAndGrad(() => {
    prediction = model.forward(bx, { training: true, rng });
    return softmaxCrossEntropy(prediction, by);
  }, params);
  return { value, grads, prediction: prediction! };
};
const replayed = replayable(forwardBackward);
const someBatches = [...batches(data, { size: 10, shuffle: true, rng })];
const { grads } = forwardBackward(model.params, someBatches[0].x, someBatches[0].y);

const CALLS = 4000;
const perCall = (fn: (i: number) => void): number => {
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) fn(i);
  return ((performance.now() - t0) * 1000) / CALLS;
};
const parts: Record<string, (i: number) => void> = {
  'batches (one epoch of 20, per batch)': (i) => { if (i % 20 === 0) for (const b of batches(data, { size: 10, shuffle: true, rng })) void b; },
  'forward + backward, eager': (i) => void tidy(() => forwardBackward(model.params, someBatches[i % 20].x, someBatches[i % 20].y).value),
  'forward + backward, replayed': (i) => void tidy(() => replayed(model.params, someBatches[i % 20].x, someBatches[i % 20].y).value),
  'optimizer.update (sgd)': () => void tidy(() => optimizer.update(grads, state, model.params, {})),
  'optimizer.update + applyUpdates': () => {
    const copy = (model.params as Params[]).map((layer) => ({ ...(layer as object) })) as Params;
    tidy(() => applyUpdates(copy, optimizer.update(grads, state, model.params, {})[0]));
  },
  'NaN check of the updates': () => {
    for (const t of treeLeaves(grads)) {
      const d = t.dataSync();
      for (let k = 0; k < d.length; k++) if (d[k] - d[k] !== 0) throw new Error('not finite');
    }
  },
  'an empty tidy': () => void tidy(() => [model.params, state]),
};
const times: Record<string, number[]> = {};
for (let round = 0; round < 5; round++) for (const [name, fn] of Object.entries(parts)) (times[name] ??= []).push(perCall(fn));
const fitStep = async (replaySteps: boolean) => {
  const t0 = performance.now();
  await fit(model, data, { loss: softmaxCrossEntropy, optimizer, batchSize: 10, epochs: 50, progress: false, replaySteps });
  return ((performance.now() - t0) * 1000) / 1000;
};
for (let round = 0; round < 5; round++) {
  (times['fit step, replayed'] ??= []).push(await fitStep(true));
  (times['fit step, eager (replaySteps: false)'] ??= []).push(await fitStep(false));
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
console.log(`W6 step parts on ${backendName} (µs per step, medians):`);
for (const [name, v] of Object.entries(times)) console.log(`${median(v).toFixed(1).padStart(7)}  ${name}`);
