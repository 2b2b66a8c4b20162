import { describe, expect, it } from 'vitest';
import { grad, valueAndGrad } from '../autodiff/grad';
import type { Backend } from '../backend/backend';
import { cpuBackend } from '../backend/cpu/cpu-backend';
import { DTypeError, ValueError } from '../errors';
import { mul } from '../ops/binary';
import { fromTypedArray, tensor } from '../ops/creation';
import { sum } from '../ops/reduce';
import { square } from '../ops/unary';
import { expectGradClose } from '../testing/check-grad';
import { fillKeyedMask } from './keyed-stream';
import { mulKeyedMask } from './mul-keyed-mask';
import { withBackend } from '../testing/with-backend';

/** The CPU backend with a fused dropout kernel as the wasm one computes it (x·mask in float32), counting its calls. */
function fusedBackend(): { backend: Backend; calls: number[] } {
  const calls: number[] = [];
  const backend: Backend = {
    ...cpuBackend,
    fused: {
      dropoutMaskF32(n, key, p, scale, x) {
        calls.push(n);
        const mask = fillKeyedMask(new Float32Array(n), key, p, scale);
        return x === undefined ? mask : mask.map((m, i) => (x as Float32Array)[i] * m);
      },
    },
  };
  return { backend, calls };
}

describe('mulKeyedMask', () => {
  const values = Float32Array.from({ length: 1003 }, (_, i) => Math.sin(i) * 3);
  const x = fromTypedArray(values, [17, 59], 'float32');
  const mask = fillKeyedMask(new Float32Array(1003), [7, 11], 0.3, 1 / 0.7);

  it('is x times fillKeyedMask’s mask, bit for bit, in x’s shape (float32 and float64)', () => {
    const y = mulKeyedMask(x, [7, 11], 0.3, 1 / 0.7);
    expect(y.shape).toEqual([17, 59]);
    expect(y.dtype).toBe('float32');
    expect(y.dataSync()).toEqual(mul(x, fromTypedArray(mask, [17, 59], 'float32')).dataSync());
    const x64 = fromTypedArray(Float64Array.from(values), [17, 59], 'float64');
    const mask64 = fillKeyedMask(new Float64Array(1003), [7, 11], 0.3, 1 / 0.7);
    expect(mulKeyedMask(x64, [7, 11], 0.3, 1 / 0.7).dataSync()).toEqual(Float64Array.from(values, (v, i) => v * mask64[i]));
  });

  it('drops about p of the units: 30 % of 200,000 within 0.5 points', () => {
    const ones = fromTypedArray(new Float32Array(200_000).fill(1), [200_000], 'float32');
    const y = mulKeyedMask(ones, [3, 4], 0.3, 1).dataSync();
    expect(y.filter((v) => v === 0).length / y.length).toBeCloseTo(0.3, 2);
  });

  it('has the gradient g ⊙ mask (float64 check of the op chain)', () => {
    const x64 = fromTypedArray(Float64Array.from(values.subarray(0, 40)), [5, 8], 'float64');
    expectGradClose((p) => sum(square(mulKeyedMask(p.x, [5, 6], 0.5, 2))), { x: x64 });
  });

  it('on a backend with the fused kernel: one call forward, the same op on g backward, and second derivatives', () => {
    const { backend, calls } = fusedBackend();
    withBackend(backend, () => {
      const c = fromTypedArray(Float32Array.from({ length: 1003 }, (_, i) => (i % 7) - 3), [17, 59], 'float32');
      const { value, grads } = valueAndGrad(({ x: p }) => sum(mul(mulKeyedMask(p, [7, 11], 0.3, 1 / 0.7), c)), { x });
      expect(calls).toEqual([1003, 1003]);
      expect(value.item()).toBeCloseTo(values.reduce((s, v, i) => s + Math.fround(v * mask[i]) * c.dataSync()[i], 0), 1);
      expect(grads.x.dataSync()).toEqual(Float32Array.from(c.dataSync(), (g, i) => g * mask[i]));
      // f = Σ (x ⊙ m)²: ∂f/∂x = 2 m² x; the directional derivative of Σ ∂f/∂x along 1 is Σ 2 m²
      const small = fromTypedArray(values.slice(0, 20), [20], 'float32');
      const m = fillKeyedMask(new Float32Array(20), [1, 2], 0.5, 2);
      const second = grad(({ x: p }) => sum(grad(({ x: q }) => sum(square(mulKeyedMask(q, [1, 2], 0.5, 2))), { x: p }).x), { x: small }).x;
      expect(second.dataSync()).toEqual(Float32Array.from(m, (v) => 2 * v * v));
    });
  });

  it('refuses an int32 input, p outside [0, 1] and a non-finite scale, naming the op', () => {
    expect(() => mulKeyedMask(tensor([1], [1], 'int32'), [1, 2], 0.5, 2)).toThrow(new DTypeError('mulKeyedMask', 'expected a float32 or float64 tensor, got int32'));
    expect(() => mulKeyedMask(x, [1, 2], 1.5, 2)).toThrow(new ValueError('mulKeyedMask', 'p must be in [0, 1], got 1.5'));
    expect(() => mulKeyedMask(x, [1, 2], 0.5, NaN)).toThrow(new ValueError('mulKeyedMask', 'scale must be a finite number, got NaN'));
  });
});
