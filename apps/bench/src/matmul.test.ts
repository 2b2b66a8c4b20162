import { describe, expect, it } from 'vitest';
import { benchMatmul } from './matmul';

describe('benchMatmul', () => {
  it('reports the work of an n×n product as 2n³ flops over the median time', () => {
    const r = benchMatmul(16, 'float64', 'cpu', true);
    expect(r.n).toBe(16);
    expect(r.gflops).toBeCloseTo((2 * 16 ** 3) / (r.medianMs * 1e6), 10);
  });
});
