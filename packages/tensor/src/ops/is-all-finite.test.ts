import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { cpuBackend } from '../backend/cpu/cpu-backend';
import { withBackend } from '../testing/with-backend';
import { fromTypedArray, tensor, zeros } from './creation';
import { isAllFinite } from './is-all-finite';

describe('isAllFinite', () => {
  it('is true for finite values of every kind: −0, the largest, subnormals (float32 and float64)', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const big = dtype === 'float32' ? 3.4028234663852886e38 : Number.MAX_VALUE;
      expect(isAllFinite(tensor([0, -0, 1e-45, -big, big, 7], undefined, dtype))).toBe(true);
    }
  });

  it('is false for a NaN or an infinity anywhere: first, middle, last', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      for (const bad of [NaN, Infinity, -Infinity]) {
        for (const at of [0, 8, 16]) {
          const values = new (dtype === 'float32' ? Float32Array : Float64Array)(17).fill(0.5);
          values[at] = bad;
          expect(isAllFinite(fromTypedArray(values, [17], dtype)), `${bad} at ${at}, ${dtype}`).toBe(false);
        }
      }
    }
  });

  it('is true for int32 and for empty tensors', () => {
    expect(isAllFinite(tensor([1, -2], undefined, 'int32'))).toBe(true);
    expect(isAllFinite(zeros([0, 3]))).toBe(true);
  });

  it('asks the tensor’s backend first, and scans the values itself when the backend declines', () => {
    const asked: unknown[] = [];
    const answering = (answer: boolean | undefined): Backend => ({
      ...cpuBackend,
      fused: {
        allFinite: (n, dtype, x) => {
          asked.push([n, dtype, x instanceof Float32Array]);
          return answer;
        },
      },
    });
    withBackend(answering(false), () => expect(isAllFinite(tensor([1, 2]))).toBe(false));
    withBackend(answering(undefined), () => {
      expect(isAllFinite(tensor([1, 2]))).toBe(true);
      expect(isAllFinite(tensor([1, NaN]))).toBe(false);
    });
    expect(asked).toEqual([[2, 'float32', true], [2, 'float32', true], [2, 'float32', true]]);
  });

  it('names itself on bad input', () => {
    expect(() => isAllFinite([1] as never)).toThrow(/isAllFinite/);
  });
});
