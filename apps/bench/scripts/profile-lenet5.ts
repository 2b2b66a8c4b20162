/*
 * Where LeNet-5 training's time goes (W3's step: batch 32, SGD 0.01 momentum 0.9), per primitive and
 * operand shapes, split into forward, backward and optimizer, on the wasm backend with one thread and
 * with every core. Not a test and not part of `pnpm bench`. Run from apps/bench:
 *
 *   node_modules/.bin/esbuild scripts/profile-lenet5.ts --bundle --platform=node --format=esm --conditions=source \
 *     --outfile=out/profile-lenet5.mjs && nice -n 10 node out/profile-lenet5.mjs [steps]
 *
 * Each kernel call is timed by wrapping the backend's kernel table (performance.now() around the call),
 * and a step's time is measured around the whole of it, the same scope as `fit`'s step (tidy,
 * valueAndGrad, optimizer update, applyUpdates); "outside kernels" is the step's time less its kernels'.
 * The process's CPU time per step is printed too: on one thread it is the step's cost without the
 * waits for a core of a loaded machine. Figures are medians over the timed steps (per op: of its time in each step), so that a step in
 * which the process was preempted on a loaded machine does not pin its delay on whichever op ran.
 */
import {
  type Backend, type Kernel, type Primitive, applyUpdates, createRng, disposeSupersededState, fromTypedArray, lenet5, setBackend, sgd,
  softmaxCrossEntropy, tidy, valueAndGrad,
} from '@nn/core';
// NOTE: from the sources: the bench does not depend on @nn/gpu (see src/nn-optional.ts).
import { createWasmBackend } from '../../../packages/gpu/src/index';
import { loadBenchData } from '../src/data';

const STEPS = Number(process.argv[2] ?? 60);
const WARMUP = 15;
const BATCH = 32;

type Phase = 'forward' | 'backward' | 'optimizer';
let phase: Phase = 'forward';
/** Per key, the time of its calls in each timed step (index = step). */
const times = new Map<string, { ms: number[]; calls: number }>();
let current = 0;

function profiled(backend: Backend): Backend {
  const kernels = Object.fromEntries(Object.entries(backend.kernels).map(([name, kernel]) => [name, ((inputs, attrs, out) => {
    const start = performance.now();
    const result = (kernel as Kernel<Primitive>)(inputs, attrs, out);
    const ms = performance.now() - start;
    const key = `${phase}\t${name}\t${inputs.map((i) => `${i.dtype === 'int32' ? 'i' : ''}[${i.shape.join(',')}]`).join(' ')} → [${out.shape.join(',')}]`;
    const entry = times.get(key) ?? { ms: [], calls: 0 };
    entry.ms[current] = (entry.ms[current] ?? 0) + ms;
    entry.calls++;
    times.set(key, entry);
    return result;
  }) as Kernel<Primitive>]));
  return { ...backend, kernels: kernels as Backend['kernels'], upload: backend.upload.bind(backend), download: backend.download.bind(backend), dispose: backend.dispose?.bind(backend), evict: backend.evict?.bind(backend) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const data = await loadBenchData();
// NOTE: THREADS=2,1 (say) picks the backends and their order; default 1,2.
for (const threads of (process.env.THREADS ?? '1,2').split(',').map(Number)) {
  const wasm = await createWasmBackend({ threads });
  // NOTE: PLAIN=1 leaves the kernels unwrapped (for a CPU profile of the step without the timing's own cost).
  const backend = process.env.PLAIN === '1' ? wasm : profiled(wasm);
  setBackend(backend);
  const model = lenet5({ activation: 'relu', pooling: 'max', rng: createRng(1) });
  const optimizer = sgd(0.01, { momentum: 0.9 });
  let state = optimizer.init(model.params);
  const batches = Array.from({ length: 50 }, (_, b) => ({
    x: fromTypedArray(data.xTrain.slice(b * BATCH * 784, (b + 1) * BATCH * 784), [BATCH, 1, 28, 28], 'float32'),
    y: fromTypedArray(data.yTrain.slice(b * BATCH, (b + 1) * BATCH), [BATCH], 'int32'),
  }));
  const step = (s: number) => tidy(() => {
    const { x, y } = batches[s % batches.length];
    phase = 'forward';
    const { value, grads } = valueAndGrad(() => {
      const loss = softmaxCrossEntropy(model.forward(x, { training: true }), y);
      phase = 'backward';
      return loss;
    }, model.params);
    value.item();
    phase = 'optimizer';
    const [updates, next] = optimizer.update(grads, state, model.params);
    applyUpdates(model.params, updates);
    // NOTE: as fit does: the old state's moments that a fused update made go back to the arena now.
    disposeSupersededState(state, next);
    state = next;
    return [model.params, state];
  });
  for (let s = 0; s < WARMUP; s++) step(s);
  times.clear();
  const stepTimes: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let s = 0; s < STEPS; s++) {
    current = s;
    const start = performance.now();
    step(s);
    stepTimes.push(performance.now() - start);
  }
  const stepMs = median(stepTimes);
  const cpu = process.cpuUsage(cpuStart);
  // NOTE: the process's CPU time (every thread's, spinning helpers included): on one thread, unlike the
  // wall clock, it leaves out the time the process waited for a core on a loaded machine.
  const cpuMs = (cpu.user + cpu.system) / 1000 / STEPS;
  const rows = [...times.entries()].map(([key, v]) => ({ key, ms: median(Array.from({ length: STEPS }, (_, i) => v.ms[i] ?? 0)), calls: v.calls / STEPS })).sort((a, b) => b.ms - a.ms);
  const inKernels = rows.reduce((s, r) => s + r.ms, 0);
  const byPhase = (p: Phase) => rows.filter((r) => r.key.startsWith(p)).reduce((s, r) => s + r.ms, 0);
  console.log(`\nload ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}; wasm, threads ${threads} (${wasm.threads} in use at the end: 1 when the helpers were measured starved): ${stepMs.toFixed(2)} ms/step (${(BATCH / stepMs * 1000).toFixed(0)} samples/s), CPU ${cpuMs.toFixed(2)} ms/step (${(BATCH / cpuMs * 1000).toFixed(0)} samples/s); kernels ${inKernels.toFixed(2)} ms (forward ${byPhase('forward').toFixed(2)}, backward ${byPhase('backward').toFixed(2)}, optimizer ${byPhase('optimizer').toFixed(2)}), outside kernels ${(stepMs - inKernels).toFixed(2)} ms; kernel calls/step ${rows.reduce((s, r) => s + r.calls, 0).toFixed(0)}`);
  for (const r of rows.filter((r) => r.ms >= 0.02)) console.log(`${r.ms.toFixed(3).padStart(7)} ms  ×${String(r.calls).padEnd(3)} ${r.key}`);
  wasm.close();
}
