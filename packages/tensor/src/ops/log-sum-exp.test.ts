import { describe, expect, it } from 'vitest';
import { grad } from '../autodiff/grad';
import { DTypeError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { tensor } from './creation';
import { logSumExp } from './log-sum-exp';
import { type Axes, sum } from './reduce';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

const cube = () => ({ x: tensor(Array.from({ length: 24 }, (_, i) => 2 * Math.sin(1.7 * i)), [2, 3, 4], 'float64') });

describe('logSumExp', () => {
  // ln(e⁰ + e^(ln 3)) = ln 4
  it('is log Σ eˣ', () => expect(logSumExp(tensor([0, Math.log(3)]))).toBeAllClose(Math.log(4), { rtol: 1e-6 }));

  it('reduces over an axis, keeping it on request', () => {
    const x = tensor([[0, Math.log(3)], [Math.log(2), Math.log(2)]], undefined, 'float64');
    expect(logSumExp(x, 1)).toBeAllClose([Math.log(4), Math.log(4)]);
    expect(logSumExp(x, 1, true).shape).toEqual([2, 1]);
    expect(logSumExp(x).shape).toEqual([]);
  });

  it('is stable at ±1000', () => {
    // 1000 + ln(e⁰ + e⁰) and −1000 + ln 2; the 1000 row ignores e⁻²⁰⁰⁰
    expect(logSumExp(tensor([[1000, 1000], [-1000, -1000], [1000, -1000]]), 1)).toBeAllClose(
      [1000 + Math.LN2, -1000 + Math.LN2, 1000],
      { rtol: 1e-6 },
    );
  });

  it('is −∞ for a row of −∞ and +∞ when an element is +∞', () => {
    expect(logSumExp(tensor([[-Infinity, -Infinity], [-Infinity, 0], [Infinity, 1]]), 1)).toBeAllClose([-Infinity, 0, Infinity]);
  });

  it('propagates NaN', () => expect(logSumExp(tensor([1, NaN]))).toBeAllClose(NaN));

  for (const keepDims of [false, true]) {
    it.each<[string, Axes | undefined]>([['all axes', undefined], ['axis 0', 0], ['axis 1', 1], ['axis 2', 2], ['axes [0, 2]', [0, 2]]])(
      `has the softmax as its gradient over %s (keepDims ${keepDims})`,
      (_, axes) => expectGradClose((p) => weighted(logSumExp(p.x, axes, keepDims)), cube()),
    );
  }

  it('has a finite gradient at ±1000', () => {
    const g = grad((p) => sum(logSumExp(p.x, 1)), { x: tensor([[1000, -1000], [-1000, -1000]], undefined, 'float64') });
    expect(g.x).toBeAllClose([[1, 0], [0.5, 0.5]]);
  });

  it('refuses int32', () => {
    expect(() => logSumExp(tensor([1], [1], 'int32'))).toThrow(new DTypeError('logSumExp', 'expected a float32 or float64 input, got int32'));
  });
});
