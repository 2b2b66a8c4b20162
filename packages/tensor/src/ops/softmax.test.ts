import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { tensor } from './creation';
import { sum } from './reduce';
import { softmax } from './softmax';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)); Σ softmax = 1 would otherwise have zero gradient. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

const cube = () => ({ x: tensor(Array.from({ length: 24 }, (_, i) => 2 * Math.sin(1.7 * i)), [2, 3, 4], 'float64') });

describe('softmax', () => {
  // e⁰ / (e⁰ + 3) = ¼
  it('normalizes eˣ along the last axis', () => {
    expect(softmax(tensor([[0, Math.log(3)], [1, 1]]))).toBeAllClose([[0.25, 0.75], [0.5, 0.5]], { rtol: 1e-6 });
  });

  it('normalizes along any axis', () => {
    expect(softmax(tensor([[0, 5], [Math.log(3), 5]]), 0)).toBeAllClose([[0.25, 0.5], [0.75, 0.5]], { rtol: 1e-6 });
    const y = softmax(cube().x, 1);
    expect(sum(y, 1)).toBeAllClose([[1, 1, 1, 1], [1, 1, 1, 1]]);
  });

  it('is stable at ±1000', () => {
    expect(softmax(tensor([[1000, -1000, 1000], [-1000, -1000, -1000]]))).toBeAllClose([[0.5, 0, 0.5], [1 / 3, 1 / 3, 1 / 3]], { rtol: 1e-6 });
  });

  it('keeps float64', () => expect(softmax(tensor([1, 2], [2], 'float64')).dtype).toBe('float64'));

  it.each([0, 1, 2, -1])('has the analytic gradient along axis %i', (axis) => {
    expectGradClose((p) => weighted(softmax(p.x, axis)), cube());
  });

  it('refuses an axis out of range, in its own name', () => {
    expect(() => softmax(tensor([1, 2]), 1)).toThrow(new ShapeError('softmax', 'axis 1 is out of range for a tensor of rank 1'));
  });

  it('refuses int32', () => {
    expect(() => softmax(tensor([1], [1], 'int32'))).toThrow(new DTypeError('softmax', 'expected a float32 or float64 input, got int32'));
  });
});
