import { createRng, matmul, randu } from '@nn/core';
import { type Context, attempt, notAvailable, withNnBackend } from './context';
import { measure } from './measure';
import { type TfBackend, loadTfjs } from './peers';
import type { Figure } from './table';

/** 2n³ flops (a multiply and an add per term) over the median time of one n×n float32 product. */
export function sgemmGflops(n: number, medianMs: number): number {
  return (2 * n ** 3) / (medianMs * 1e6);
}

/**
 * W1: C = A·B for square float32 matrices, uniform in [0, 1), every library reading the product back
 * to host memory (dataSync) inside the timed call.
 */
export async function runW1(ctx: Context): Promise<Figure[]> {
  const figures: Figure[] = [];
  const tfjs = await loadTfjs();
  for (const n of ctx.plan.sgemmSizes) {
    const row = { workload: 'W1', case: `n = ${n}` } as const;
    const timing = { warmup: 1, minMs: ctx.plan.minMs, minRuns: ctx.plan.minRuns };
    for (const b of ctx.nnBackends) {
      figures.push(await attempt(ctx, { ...row, library: '@nn', backend: b.name, ours: true }, () => withNnBackend(b, () => {
        const rng = createRng(n);
        const a = randu([n, n], { rng, dtype: 'float32' });
        const c = randu([n, n], { rng, dtype: 'float32' });
        const { medianMs, runs } = measure(() => void matmul(a, c).dataSync(), timing);
        return { gflops: sgemmGflops(n, medianMs), detail: { n, medianMs, runs } };
      })));
    }
    for (const backend of ['cpu', 'wasm'] as TfBackend[]) {
      const peer = { ...row, library: 'tfjs', backend, ours: false } as const;
      if (!tfjs.ok) {
        figures.push(notAvailable(peer, tfjs.reason));
        continue;
      }
      const { tf, use } = tfjs.value;
      figures.push(await attempt(ctx, peer, async () => {
        await use(backend);
        const a = tf.randomUniform([n, n], 0, 1, 'float32');
        const c = tf.randomUniform([n, n], 0, 1, 'float32');
        try {
          const { medianMs, runs } = measure(() => {
            const product = tf.matMul(a, c);
            product.dataSync();
            product.dispose();
          }, timing);
          return { gflops: sgemmGflops(n, medianMs), detail: { n, medianMs, runs } };
        } finally {
          a.dispose();
          c.dispose();
        }
      }));
    }
  }
  return figures;
}
