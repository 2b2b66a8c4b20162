import { availableParallelism } from 'node:os';
import { choice, intRange, logUniform, randomSearch, uniform } from '@nn/core';
import { workerExecutor } from '@nn/eval/node';
import type { Context } from './context';
import type { Figure } from './table';

const CASE = 'random search, 2-h-h-2 MLP trials';

/** The search space of the W6 trials (see search-objective.ts). */
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
 * W6: the same random search of 32 trials (16 with --quick) — each a small MLP trained on two-moons,
 * about 0.3 s — on a pool of 1 worker thread, then of 2 (and of every core when there are more),
 * through `workerExecutor` of @nn/eval. Each pool first runs one untimed trial per thread (module
 * import, JIT); the timed search must give the same scores whatever the thread count.
 */
export async function runW6(ctx: Context): Promise<Figure[]> {
  const trials = ctx.quick ? 16 : 32;
  const module = new URL('./search-objective.js', import.meta.url);
  const counts = [...new Set([1, 2, availableParallelism()])];
  const figures: Figure[] = [];
  let reference: (number | null)[] | undefined;
  let oneThread = 0;
  for (const threads of counts) {
    const executor = workerExecutor({ module, threads });
    try {
      await randomSearch({ space: SEARCH_SPACE, executor, trials: threads, seed: 99 });
      const t0 = performance.now();
      const result = await randomSearch({ space: SEARCH_SPACE, executor, trials, seed: 1 });
      const seconds = (performance.now() - t0) / 1000;
      const scores = result.trials.map((t) => t.score);
      reference ??= scores;
      if (threads === 1) oneThread = seconds;
      const same = JSON.stringify(scores) === JSON.stringify(reference);
      ctx.progress(`W6 ${threads} thread(s): ${trials} trials in ${seconds.toFixed(1)} s`);
      figures.push({
        workload: 'W6', case: CASE, library: '@nn/eval', backend: `worker threads ×${threads}`, ours: true,
        samplesPerSecond: trials / seconds,
        note: `${threads === 1 ? 'baseline' : `${speedup(oneThread, seconds)} vs 1 thread`}; best validation error ${result.best?.score?.toFixed(4)}${same ? '' : '; SCORES DIFFER from 1 thread'}`,
        detail: { trials, threads, seconds: Number(seconds.toFixed(3)), sameScores: same, failed: result.trials.filter((t) => t.status === 'failed').length },
      });
    } finally {
      await executor.close();
    }
  }
  return figures;
}
