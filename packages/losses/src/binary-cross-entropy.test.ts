import { describe, expect, it } from 'vitest';
import { DTypeError, type Loss, ShapeError, ValueError, grad, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { binaryCrossEntropy } from './binary-cross-entropy';

describe('binaryCrossEntropy', () => {
  it('is a Loss', () => {
    const loss: Loss = binaryCrossEntropy;
    expect(loss(tensor([0]), tensor([1])).item()).toBeCloseTo(Math.LN2, 6);
  });

  it('is the mean of softplus(z) − t·z', () => {
    // z = 0, t = 1: ln 2; z = ln 3, t = 0: −ln(1 − ¾) = ln 4 → (ln 2 + ln 4) / 2 = 1.5 ln 2
    expect(binaryCrossEntropy(tensor([0, Math.log(3)]), tensor([1, 0])).item()).toBeCloseTo(1.5 * Math.LN2, 6);
  });

  it('takes soft targets', () => {
    // z = ln 3 (p = ¾), t = ¼: −(¼ ln ¾ + ¾ ln ¼) = 1.1116883
    const expected = -(0.25 * Math.log(0.75) + 0.75 * Math.log(0.25));
    expect(binaryCrossEntropy(tensor([Math.log(3)]), tensor([0.25])).item()).toBeCloseTo(expected, 6);
  });

  it('gives exact values at |z| = 50 and 1000, right or wrong', () => {
    // right: ln(1 + e⁻⁵⁰) = 1.9287498e-22, ln(1 + e⁻¹⁰⁰⁰) = 0 in floating point; wrong: |z| + that
    const tiny = Math.log1p(Math.exp(-50));
    const right = (z: number, t: number) => binaryCrossEntropy(tensor([z]), tensor([t])).item();
    expect(right(50, 1)).toBeAllClose(tiny, { rtol: 1e-6, atol: 0 });
    expect(right(-50, 0)).toBeAllClose(tiny, { rtol: 1e-6, atol: 0 });
    expect(right(1000, 1)).toBe(0);
    expect(right(-1000, 0)).toBe(0);
    expect(right(50, 0)).toBeAllClose(50, { rtol: 1e-7 });
    expect(right(-50, 1)).toBeAllClose(50, { rtol: 1e-7 });
    expect(right(1000, 0)).toBe(1000);
    expect(right(-1000, 1)).toBe(1000);
    expect(binaryCrossEntropy(tensor([50, -50, 1000, -1000]), tensor([0, 1, 0, 1])).item()).toBe(525);
  });

  it('has the finite gradient (σ(z) − t) / n at ±1000', () => {
    const g = grad((p) => binaryCrossEntropy(p.z, tensor([0, 1, 1, 0])), { z: tensor([1000, -1000, 1000, -1000]) });
    expect(g.z).toBeAllClose([0.25, -0.25, 0, 0]);
  });

  it('has the gradient (σ(z) − t) / n at z = 0, where its two stable forms meet', () => {
    const g = grad((p) => binaryCrossEntropy(p.z, tensor([1, 0, 0.3])), { z: tensor([0, 0, 0]) });
    expect(g.z).toBeAllClose([-0.5 / 3, 0.5 / 3, 0.2 / 3], { rtol: 1e-6 });
  });

  it('has the analytic gradient in float64, with and without weights', () => {
    const t = tensor([[1, 0], [0.3, 1], [0, 0.8]], undefined, 'float64');
    const params = { z: tensor([[2.5, -0.4], [0, 1.3], [-3.1, 0.7]], undefined, 'float64') };
    expectGradClose((p) => binaryCrossEntropy(p.z, t), params);
    expectGradClose((p) => binaryCrossEntropy(p.z, t, tensor([1, 2, 0.5], [3], 'float64')), params);
  });

  it('refuses targets outside [0, 1]', () => {
    expect(() => binaryCrossEntropy(tensor([0, 1]), tensor([1, -1]))).toThrow(
      new ValueError('binaryCrossEntropy', 'target -1 at position 1 is not in [0, 1]'),
    );
    expect(() => binaryCrossEntropy(tensor([0]), tensor([NaN]))).toThrow(ValueError);
  });

  it('refuses [N, 1] logits with [N] targets instead of broadcasting them to [N, N]', () => {
    expect(() => binaryCrossEntropy(tensor([[0], [1]]), tensor([0, 1]))).toThrow(
      new ShapeError('binaryCrossEntropy', 'prediction [2,1] and target [2] must have the same shape (nothing is broadcast)'),
    );
  });

  it('refuses int32 targets and int32 logits', () => {
    expect(() => binaryCrossEntropy(tensor([0, 1]), tensor([0, 1], [2], 'int32'))).toThrow(
      new DTypeError('binaryCrossEntropy', "target is int32 but prediction is float32; cast the target with cast(target, 'float32')"),
    );
    expect(() => binaryCrossEntropy(tensor([0, 1], [2], 'int32'), tensor([0, 1]))).toThrow(
      new DTypeError('binaryCrossEntropy', 'expected a float32 or float64 prediction (logits), got int32'),
    );
  });
});
