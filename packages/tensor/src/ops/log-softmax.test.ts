import { describe, expect, it } from 'vitest';
import { grad } from '../autodiff/grad';
import { DTypeError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { tensor } from './creation';
import { logSoftmax } from './log-softmax';
import { sum } from './reduce';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

const cube = () => ({ x: tensor(Array.from({ length: 24 }, (_, i) => 2 * Math.sin(1.7 * i)), [2, 3, 4], 'float64') });

describe('logSoftmax', () => {
  // ln ¼ = −1.3862944, ln ¾ = −0.2876821
  it('is x − log Σ eˣ along the last axis', () => {
    expect(logSoftmax(tensor([0, Math.log(3)]))).toBeAllClose([Math.log(0.25), Math.log(0.75)], { rtol: 1e-6 });
  });

  it('works along axis 0', () => {
    expect(logSoftmax(tensor([[0, 1], [Math.log(3), 1]]), 0)).toBeAllClose([[Math.log(0.25), -Math.LN2], [Math.log(0.75), -Math.LN2]], { rtol: 1e-6 });
  });

  it('is stable at ±1000, without NaN or ∞', () => {
    // [1000, −1000]: the log-sum-exp is 1000, so [0, −2000]
    expect(logSoftmax(tensor([[1000, -1000], [-1000, -1000]]))).toBeAllClose([[0, -2000], [-Math.LN2, -Math.LN2]], { rtol: 1e-6 });
  });

  it.each([0, 1, 2, -1])('has the analytic gradient along axis %i', (axis) => {
    expectGradClose((p) => weighted(logSoftmax(p.x, axis)), cube());
  });

  it('has a finite gradient at ±1000', () => {
    // ∂/∂x Σ w·(x − lse x) = w − softmax(x)·Σw = [1 − 1·1, 0 − 0·1] for w = [1, 0]
    const g = grad((p) => sum(mul(logSoftmax(p.x), tensor([1, 0], [2], 'float64'))), { x: tensor([1000, -1000], [2], 'float64') });
    expect(g.x).toBeAllClose([0, 0], { atol: 1e-12 });
  });

  it('refuses int32', () => {
    expect(() => logSoftmax(tensor([1], [1], 'int32'))).toThrow(new DTypeError('logSoftmax', 'expected a float32 or float64 input, got int32'));
  });
});
