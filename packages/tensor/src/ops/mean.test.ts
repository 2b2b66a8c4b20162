import { describe, expect, it } from 'vitest';
import { DTypeError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { tensor } from './creation';
import { mean } from './mean';
import { type Axes, sum } from './reduce';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

describe('mean', () => {
  const x = tensor([[1, 2], [3, 4]]);

  it('averages everything by default', () => expect(mean(x)).toBeAllClose(2.5));
  it('averages over an axis', () => {
    expect(mean(x, 0)).toBeAllClose([2, 3]);
    expect(mean(x, 1, true).toArray()).toEqual([[1.5], [3.5]]);
  });
  it('counts only the reduced axes', () => {
    // [2,3,4] of i: over axes [0,2] the mean of (12i + 4j + k) is 6 + 4j + 1.5
    const y = tensor(Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);
    expect(mean(y, [0, -1])).toBeAllClose([7.5, 11.5, 15.5]);
  });

  it.each<[string, Axes | undefined]>([['all axes', undefined], ['axis 1', 1], ['axes [0, 2]', [0, 2]]])(
    'has gradient 1/n over %s',
    (_, axes) => {
      const p = { x: tensor(Array.from({ length: 24 }, (_, i) => Math.cos(i)), [2, 3, 4], 'float64') };
      expectGradClose((q) => weighted(mean(q.x, axes)), p);
      expectGradClose((q) => weighted(mean(q.x, axes, true)), p);
    },
  );

  it('refuses int32', () => {
    expect(() => mean(tensor([1, 2], [2], 'int32'))).toThrow(new DTypeError('mean', 'expected a float32 or float64 input, got int32'));
  });
});
