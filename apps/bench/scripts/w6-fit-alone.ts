/*
 * W6's @nn contender alone: `fit` of the 2-8-8-2 tanh network (apps/bench src/w6-tiny.ts) on 200
 * points, batch 10, SGD 0.1, on the cpu backend, called again and again with 10 epochs (200 steps) a
 * call, as the bench calls it, for `ms` milliseconds (default 3,000); prints the median call and its
 * steps/s. No other library runs in the process, so it reads what `fit` itself costs; compare builds
 * by running it from each in alternating processes. Not a test and not part of `pnpm bench`.
 * From apps/bench:
 *
 *   node_modules/.bin/esbuild scripts/w6-fit-alone.ts --bundle --platform=node --format=esm \
 *     --conditions=source --outfile=out/w6-fit-alone.mjs \
 *     --banner:js="import { createRequire } from 'module'; const require = createRequire(import.meta.url);" \
 *     && node out/w6-fit-alone.mjs [ms] [epochs]
 */
import { cpuBackend, fit, fromTypedArray, setBackend, sgd, softmaxCrossEntropy } from '@nn/core';
import { TINY_SAMPLES, nnTiny, tinyData } from '../src/w6-tiny';

setBackend(cpuBackend);
const durationMs = Number(process.argv[2] ?? 3000);
const epochs = Number(process.argv[3] ?? 10);
const { x, y } = tinyData();
const model = nnTiny();
const data = { x: fromTypedArray(x.slice(), [TINY_SAMPLES, 2], 'float32'), y: fromTypedArray(y.slice(), [TINY_SAMPLES], 'int32') };
const optimizer = sgd(0.1);
const calls: number[] = [];
const start = performance.now();
for (let seed = 0; performance.now() - start < durationMs; seed++) {
  const t0 = performance.now();
  await fit(model, data, { loss: softmaxCrossEntropy, optimizer, batchSize: 10, epochs, seed, progress: false });
  calls.push(performance.now() - t0);
}
calls.sort((a, b) => a - b);
const median = calls[calls.length >> 1];
const steps = Math.ceil(TINY_SAMPLES / 10) * epochs;
console.log(`median fit call ${median.toFixed(3)} ms → ${Math.round((steps * 1000) / median)} steps/s (${calls.length} calls)`);
