import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuBackend } from '@nn/core';
import type { Context, NnBackend } from './context';
import { type BenchData, loadBenchData } from './data';
import { startBusyProcess } from './busy';
import { runBrowserBench } from './browser-run';
import { USAGE, type WorkloadId, parseFlags } from './flags';
import { describeMachine } from './machine';
import { findWasmBackend, messageOf } from './nn-optional';
import { loadTfjs, peerVersions } from './peers';
import { planFor } from './plan';
import { type Figure, type Metric, workloadTable } from './table';
import { runW1 } from './w1-sgemm';
import { runW2 } from './w2-mlp';
import { runW3 } from './w3-lenet';
import { runW4 } from './w4-inference';
import { runW5 } from './w5-lstm';
import { runW6 } from './w6-tiny';
import { runW7 } from './w7-optimizer-step';
import { runW8 } from './w8-search-threads';
import { runW9 } from './w9-regularizer-cost';

/**
 * `pnpm bench [--quick] [--json <file>] [--only W1,W2]`: measures @nn and its peers on the same data in
 * one process, prints a table per workload and writes every figure as JSON. Figures vary from run to
 * run on a shared machine; compare ratios measured in the same run.
 */
const WORKLOADS: Record<WorkloadId, { title: string; metric: Metric; run: (ctx: Context) => Promise<Figure[]> }> = {
  W1: { title: 'W1 · sgemm C = A·B, float32, n×n (GFLOPS)', metric: 'gflops', run: runW1 },
  W2: { title: 'W2 · MLP 784-256-10 training: SGD 0.05, batch 64, 8,000 MNIST digits (samples/s, effective GFLOPS)', metric: 'samplesPerSecond', run: runW2 },
  W3: { title: 'W3 · LeNet-5 training: SGD 0.01 momentum 0.9, batch 32 (samples/s, effective GFLOPS)', metric: 'samplesPerSecond', run: runW3 },
  W4: { title: 'W4 · inference, batch 256 (samples/s, GFLOPS)', metric: 'samplesPerSecond', run: runW4 },
  W5: { title: 'W5 · LSTM training: LSTM(128) → dense 10 on MNIST digits read as 28 rows of 28 pixels, Adam 1e-3, batch 64, steps interleaved with tfjs wasm (samples/s, effective GFLOPS; goal: ≥ 2× tfjs wasm)', metric: 'samplesPerSecond', run: runW5 },
  W6: { title: 'W6 · tiny network: 2-8-8-2 tanh, 200 points, SGD 0.1, batch 10, through each library\'s fit, interleaved (steps/s in the samples/s column; goal: ≥ 1× ConvNetJS)', metric: 'samplesPerSecond', run: runW6 },
  W7: { title: 'W7 · optimizer step cost: MLP 784-256-10 training steps, batch 64, SGD / momentum / Adam / RMSprop interleaved (samples/s; goal: Adam ≤ 1.15× SGD per step)', metric: 'samplesPerSecond', run: runW7 },
  W8: { title: 'W8 · hyper-parameter search on worker threads: 32 trials of a small MLP, 1 thread vs 2 (trials/s in the samples/s column; goal: ≥ 1.7× on 2 threads)', metric: 'samplesPerSecond', run: runW8 },
  W9: { title: 'W9 · dropout and noise cost: MLP 784-256-10 training steps, batch 64, plain / dropout / Gaussian noise / weight noise interleaved (samples/s; goal: dropout and noise ≤ 10 % of a step)', metric: 'samplesPerSecond', run: runW9 },
};

async function main(): Promise<number> {
  let flags;
  try {
    flags = parseFlags(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (flags.help) {
    console.log(USAGE);
    return 0;
  }
  if (flags.browser) return runBrowserBench(flags, planFor(flags.quick));
  // NOTE: started first, so that every backend (and its thread count) meets the busy machine.
  const busy = flags.busy ? startBusyProcess() : undefined;
  const machine = describeMachine();
  const started = performance.now();
  console.log(`@nn bench${flags.quick ? ' --quick' : ''}${busy === undefined ? '' : ` --busy (pid ${busy.pid} holds one core)`} · ${machine.date.slice(0, 10)} · ${machine.nproc} CPUs (${machine.cpu}) · Node ${machine.node} · load ${machine.loadAverage.join(' ')}`);

  // the wasm backend on one thread, and again on every core when it has helper threads there
  const wasm = await findWasmBackend(undefined, { threads: 1 });
  const threaded = wasm.ok ? await findWasmBackend(undefined, {}) : wasm;
  const threads = threaded.ok ? (threaded.value as { threads?: number }).threads ?? 1 : 1;
  const nnBackends: NnBackend[] = [{ name: 'cpu', backend: cpuBackend }];
  if (wasm.ok) nnBackends.push({ name: wasm.value.name, backend: wasm.value });
  if (threaded.ok && threads > 1) nnBackends.push({ name: `${threaded.value.name}×${threads}`, backend: threaded.value });
  console.log(`@nn backends: ${nnBackends.map((b) => b.name).join(', ')}${wasm.ok ? ` (createWasmBackend from ${wasm.source}; ×N: N threads)` : `; wasm n/a (${wasm.reason})`}`);
  console.log('ratio column: @nn best ÷ this, the fastest @nn backend over that row in the same case (> 1: @nn is faster)\n');

  let data: Promise<BenchData> | undefined;
  const ctx: Context = {
    quick: flags.quick,
    plan: planFor(flags.quick),
    nnBackends,
    data: () => (data ??= loadBenchData()),
    progress: (line) => console.error(`  · ${line}`),
  };
  const figures: Figure[] = [];
  const failures: { workload: WorkloadId; error: string }[] = [];
  for (const id of flags.only) {
    const workload = WORKLOADS[id];
    try {
      const mine = await workload.run(ctx);
      figures.push(...mine);
      console.log(`\n${workload.title}\n${workloadTable(mine, workload.metric)}\n`);
    } catch (error) {
      failures.push({ workload: id, error: messageOf(error) });
      console.log(`\n${workload.title}\nfailed: ${messageOf(error)}\n`);
    }
  }

  await busy?.stop();
  const seconds = (performance.now() - started) / 1000;
  const tfjs = await loadTfjs();
  const jsonPath = flags.jsonPath === undefined ? fileURLToPath(new URL('../results/latest.json', import.meta.url)) : resolve(flags.jsonPath);
  mkdirSync(dirname(jsonPath), { recursive: true });
  const json = {
    machine,
    flags: { quick: flags.quick, only: flags.only, busy: flags.busy },
    nnBackends: nnBackends.map((b) => b.name),
    ...(wasm.ok ? { wasmSource: wasm.source } : { wasmMissing: wasm.reason }),
    peers: peerVersions(),
    tfjsWasm: tfjs.ok ? tfjs.value.wasmInfo() ?? 'not used' : tfjs.reason,
    plan: ctx.plan,
    seconds: Math.round(seconds),
    figures,
    failures,
  };
  writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`done in ${seconds.toFixed(0)} s; wrote ${jsonPath}`);
  return failures.length === 0 ? 0 : 1;
}

process.exitCode = await main();
