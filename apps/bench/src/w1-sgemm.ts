import { cpuBackend, createRng, matmul, randu, setBackend } from '@nn/core';
import { type Contender, type Context, attemptWithTfjs } from './context';
import type { Measurement } from './measure';
import { type TfBackend, loadTfjs } from './peers';
import type { Figure } from './table';

/** 2n³ flops (a multiply and an add per term) over the median time of one n×n float32 product. */
export function sgemmGflops(n: number, medianMs: number): number {
  return (2 * n ** 3) / (medianMs * 1e6);
}

/**
 * W1: C = A·B for square float32 matrices, uniform in [0, 1), every library reading the product back
 * to host memory (dataSync) inside the timed call. @nn's backends and tfjs wasm are timed together,
 * run by run (attemptTogether), so their ratios do not drift with the machine's load; tfjs cpu, ~50×
 * slower, on its own.
 */
export async function runW1(ctx: Context): Promise<Figure[]> {
  const figures: Figure[] = [];
  const tfjs = await loadTfjs();
  for (const n of ctx.plan.sgemmSizes) {
    const row = { workload: 'W1', case: `n = ${n}` } as const;
    const timing = { warmup: 1, minMs: ctx.plan.minMs, minRuns: ctx.plan.minRuns };
    const toFigure = ({ medianMs, runs }: Measurement) => ({ gflops: sgemmGflops(n, medianMs), detail: { n, medianMs, runs } });
    const ours: Contender[] = ctx.nnBackends.map((b) => ({
      row: { ...row, library: '@nn', backend: b.name, ours: true },
      setup: async () => {
        setBackend(b.backend);
        const rng = createRng(n);
        const a = randu([n, n], { rng, dtype: 'float32' });
        const c = randu([n, n], { rng, dtype: 'float32' });
        setBackend(cpuBackend);
        return {
          run: () => {
            setBackend(b.backend);
            void matmul(a, c).dataSync();
          },
          teardown: () => setBackend(cpuBackend),
        };
      },
    }));
    const tfjsRow = (backend: TfBackend) => ({ ...row, library: 'tfjs', backend, ours: false }) as const;
    /** The product on tfjs's `backend`: it is switched to before the operands are made. */
    const tfjsContender = (backend: TfBackend): Contender => {
      if (!tfjs.ok) throw new Error(tfjs.reason);
      const { tf, use } = tfjs.value;
      return {
        row: tfjsRow(backend),
        setup: async () => {
          await use(backend);
          const a = tf.randomUniform([n, n], 0, 1, 'float32');
          const c = tf.randomUniform([n, n], 0, 1, 'float32');
          return {
            run: () => {
              const product = tf.matMul(a, c);
              product.dataSync();
              product.dispose();
            },
            teardown: () => {
              a.dispose();
              c.dispose();
            },
          };
        },
      };
    };
    figures.push(...await attemptWithTfjs(ctx, ours, tfjsRow, tfjs.ok ? tfjsContender : tfjs.reason, timing, toFigure));
  }
  return figures;
}
