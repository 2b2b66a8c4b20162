import { describe, expect, it } from 'vitest';
import { grad } from '../autodiff/grad';
import { ValueError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { clip } from './clip';
import { tensor } from './creation';
import { sum } from './reduce';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

describe('clip', () => {
  it('limits values to [lo, hi]', () => {
    expect(clip(tensor([-2, 0.5, 3]), -1, 1)).toBeAllClose([-1, 0.5, 1]);
  });

  it('keeps the dtype', () => {
    expect(clip(tensor([2], [1], 'float64'), 0, 1).dtype).toBe('float64');
  });

  it('has gradient 1 inside and 0 outside', () => {
    expectGradClose((p) => weighted(clip(p.x, -1, 1)), { x: tensor([[-2, -0.5, 0.3], [0.9, 1.5, -1.2]], undefined, 'float64') });
  });

  it('passes the gradient at both ends, as PyTorch’s clamp', () => {
    expect(grad((p) => sum(clip(p.x, -1, 1)), { x: tensor([-2, -1, 0.5, 1, 3]) }).x).toBeAllClose([0, 1, 1, 1, 0]);
  });

  it('refuses lo > hi', () => {
    expect(() => clip(tensor([1]), 1, -1)).toThrow(new ValueError('clip', 'expected lo ≤ hi, got lo = 1, hi = -1'));
  });
});
