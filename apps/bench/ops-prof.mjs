import { createRng, predict, lenet5, setBackend, randu, createWasmBackend } from '@nn/core';
const threads = Number(process.argv[2] ?? 1);
const wasm = await createWasmBackend({ threads });
const totals = new Map();
const kernels = Object.fromEntries(Object.entries(wasm.kernels).map(([name, k]) => [name, (i, a, o) => {
  const t = performance.now(); const r = k(i, a, o); const dt = performance.now() - t;
  const key = name + ' ' + JSON.stringify(o.shape);
  const e = totals.get(key) ?? { ms: 0, n: 0 }; e.ms += dt; e.n++; totals.set(key, e); return r;
}]));
setBackend({ ...wasm, kernels });
const model = lenet5({ activation: 'relu', pooling: 'max', rng: createRng(1) });
const x = randu([256, 1, 28, 28], { rng: createRng(2) });
for (let i = 0; i < 3; i++) predict(model, x, { batchSize: 256 }).dataSync();
totals.clear();
const R = 10; const t0 = performance.now();
for (let i = 0; i < R; i++) predict(model, x, { batchSize: 256 }).dataSync();
const ms = (performance.now() - t0) / R;
let sum = 0;
for (const [k, v] of [...totals].sort((a, b) => b[1].ms - a[1].ms)) { sum += v.ms; if (v.ms / R > 0.2) console.log((v.ms / R).toFixed(2).padStart(7), 'ms', k); }
console.log('kernels', (sum / R).toFixed(1), 'ms of', ms.toFixed(1), 'ms/batch →', (256000 / ms).toFixed(0), 'samples/s');
