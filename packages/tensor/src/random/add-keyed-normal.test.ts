import { describe, expect, it } from 'vitest';
import { valueAndGrad } from '../autodiff/grad';
import { DTypeError, ValueError } from '../errors';
import { fromTypedArray, tensor } from '../ops/creation';
import { mul } from '../ops/binary';
import { sum } from '../ops/reduce';
import { addKeyedNormal } from './add-keyed-normal';
import { fillKeyedNormal } from './keyed-stream';

describe('addKeyedNormal', () => {
  const x = fromTypedArray(Float32Array.from({ length: 1003 }, (_, i) => Math.sin(i) * 3), [17, 59], 'float32');

  it('is fillKeyedNormal with x as the base, bit for bit, in x’s shape', () => {
    const y = addKeyedNormal(x, [7, 11], 0.25);
    expect(y.shape).toEqual([17, 59]);
    expect(y.dtype).toBe('float32');
    expect(y.dataSync()).toEqual(fillKeyedNormal(new Float32Array(1003), [7, 11], 0, 0.25, x.dataSync() as Float32Array));
  });

  it('passes the gradient to x unchanged: ∂(c·(x + σz))/∂x = c', () => {
    const c = fromTypedArray(Float32Array.from({ length: 1003 }, (_, i) => (i % 7) - 3), [17, 59], 'float32');
    const { grads } = valueAndGrad(({ x: p }) => sum(mul(addKeyedNormal(p, [1, 2], 0.5), c)), { x });
    expect(grads.x.dataSync()).toEqual(c.dataSync());
  });

  it('adds noise of the stated spread: the sample standard deviation of y − x is σ within 2 %', () => {
    const zeros = fromTypedArray(new Float32Array(200_000), [200_000], 'float32');
    const y = addKeyedNormal(zeros, [3, 4], 0.1).dataSync();
    let s = 0;
    let s2 = 0;
    for (const v of y) {
      s += v;
      s2 += v * v;
    }
    const mean = s / y.length;
    expect(Math.abs(mean)).toBeLessThan(0.1 * 0.01);
    expect(Math.sqrt(s2 / y.length - mean * mean)).toBeCloseTo(0.1, 2);
  });

  it('refuses float64 and int32 inputs and a negative or infinite std, naming the op', () => {
    expect(() => addKeyedNormal(tensor([1], [1], 'float64'), [1, 2], 1)).toThrow(new DTypeError('addKeyedNormal', 'expected a float32 tensor, got float64'));
    expect(() => addKeyedNormal(tensor([1], [1], 'int32'), [1, 2], 1)).toThrow(DTypeError);
    expect(() => addKeyedNormal(x, [1, 2], -1)).toThrow(new ValueError('addKeyedNormal', 'std must be a finite number ≥ 0, got -1'));
    expect(() => addKeyedNormal(x, [1, 2], Infinity)).toThrow(ValueError);
  });
});
