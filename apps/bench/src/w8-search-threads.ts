import { availableParallelism } from 'node:os';
import { choice, intRange, logUniform, randomSearch, uniform } from '@nn/core';
import { workerExecutor } from '@nn/core/node';
import type { Context } from './context';
import type { Figure } from './table';

const CASE = 'random search, 2-h-h-2 MLP trials';

/** The search space of the W8 trials (see search-objective.ts). */
export const SEARCH_SPACE = {
  lr: logUniform(0.01, 0.5),
  units: intRange(8, 32),
  act: choice(['relu', 'tanh']),
  momentum: uniform(0, 0.95),
} as const;

/** Speed-up of `threads` over 1 thread from the two wall times, as text: '1.85×'. */
export function speedup(oneThreadSeconds: number, seconds: number): string {
  return `${(oneThreadSeconds / seconds).toFixed(2)}×`;
}

/**
 * W8: the same random search of 32 trials (16 with --quick) — each a small MLP trained on two-moons,
 * about 0.3 s — on a pool of 1 worker thread and on a pool of 2 (and of every core when there are
 * more), through `workerExecutor` of @nn/eval. Each pool first runs one untimed trial per thread
 * (module import, JIT); then the pools take turns, 3 rounds (1 with --quick), and each keeps its
 * fastest round, so that a burst of load from elsewhere hits both alike. The CPU time of the process
 * (all threads) over the wall time shows how much parallelism the machine actually gave. The scores
 * must not depend on the thread count.
 */
export async function runW8(ctx: Context): Promise<Figure[]> {
  const trials = ctx.quick ? 16 : 32;
  const rounds = ctx.quick ? 1 : 3;
  const module = new URL('./search-objective.js', import.meta.url);
  const counts = [...new Set([1, 2, availableParallelism()])];
  const pools = counts.map((threads) => ({ threads, executor: workerExecutor({ module, threads }), best: Infinity, cpu: 0, scores: '', bestScore: NaN, failed: 0 }));
  try {
    for (const p of pools) await randomSearch({ space: SEARCH_SPACE, executor: p.executor, trials: p.threads, seed: 99 });
    for (let round = 0; round < rounds; round++) {
      for (const p of pools) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const result = await randomSearch({ space: SEARCH_SPACE, executor: p.executor, trials, seed: 1 });
        const seconds = (performance.now() - t0) / 1000;
        const { user, system } = process.cpuUsage(c0);
        const cpu = (user + system) / 1e6;
        ctx.progress(`W8 round ${round + 1}/${rounds}, ${p.threads} thread(s): ${trials} trials in ${seconds.toFixed(1)} s, ${cpu.toFixed(1)} s of CPU (all threads)`);
        if (seconds < p.best) p.cpu = cpu;
        p.best = Math.min(p.best, seconds);
        p.scores = JSON.stringify(result.trials.map((t) => t.score));
        p.bestScore = result.best?.score ?? NaN;
        p.failed = result.trials.filter((t) => t.status === 'failed').length;
      }
    }
  } finally {
    await Promise.all(pools.map((p) => p.executor.close()));
  }
  const one = pools[0];
  return pools.map((p) => {
    const same = p.scores === one.scores;
    return {
      workload: 'W8', case: CASE, library: '@nn/eval', backend: `worker threads ×${p.threads}`, ours: true,
      samplesPerSecond: trials / p.best,
      note: `${p.threads === 1 ? 'baseline' : `${speedup(one.best, p.best)} vs 1 thread`}; CPU-s per wall-s ${(p.cpu / p.best).toFixed(2)}; best validation error ${p.bestScore.toFixed(4)}${same ? '' : '; SCORES DIFFER from 1 thread'}`,
      detail: { trials, threads: p.threads, rounds, seconds: Number(p.best.toFixed(3)), cpuSeconds: Number(p.cpu.toFixed(3)), sameScores: same, failed: p.failed },
    } satisfies Figure;
  });
}
