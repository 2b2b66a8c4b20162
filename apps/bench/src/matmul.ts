import { type FloatDType, createRng, matmul, randu } from '@nn/core';
import { measure } from './measure';

export interface MatmulResult {
  readonly workload: string;
  readonly backend: string;
  readonly dtype: FloatDType;
  readonly n: number;
  readonly gflops: number;
  readonly medianMs: number;
}

/** W1: C = A·B for square n×n matrices; 2n³ floating-point operations per product. */
export function benchMatmul(n: number, dtype: FloatDType, backend: string, quick: boolean): MatmulResult {
  const rng = createRng(n);
  const a = randu([n, n], { rng, dtype });
  const b = randu([n, n], { rng, dtype });
  const { medianMs } = measure(() => matmul(a, b), { minMs: quick ? 150 : 600 });
  return { workload: 'W1 sgemm', backend, dtype, n, gflops: (2 * n ** 3) / (medianMs * 1e6), medianMs };
}
