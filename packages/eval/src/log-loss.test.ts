import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, ValueError, tensor } from '@nn/tensor';
import { logLoss } from './log-loss';

const labels = (values: number[]) => tensor(values, [values.length], 'int32');

describe('logLoss', () => {
  it('is −mean [t ln p + (1 − t) ln(1 − p)] for binary probabilities', () => {
    // −(ln 0.8 + ln 0.7) / 2 = 0.2899092
    const expected = -(Math.log(0.8) + Math.log(0.7)) / 2;
    expect(logLoss(tensor([0.8, 0.3], [2], 'float64'), tensor([1, 0]))).toBeCloseTo(expected, 12);
    expect(logLoss(tensor([[0.8], [0.3]], undefined, 'float64'), labels([1, 0]))).toBeCloseTo(expected, 12);
  });

  it('gives the same for the logits of those probabilities', () => {
    // σ(ln 4) = 0.8, σ(−ln 7/3) = 0.3
    expect(logLoss(tensor([Math.log(4), -Math.log(7 / 3)], [2], 'float64'), tensor([1, 0]), { fromLogits: true })).toBeCloseTo(
      -(Math.log(0.8) + Math.log(0.7)) / 2,
      12,
    );
  });

  it('takes soft binary targets', () => {
    // t = ¼, p = ½: −(¼ ln ½ + ¾ ln ½) = ln 2
    expect(logLoss(tensor([0.5]), tensor([0.25]))).toBeCloseTo(Math.LN2, 12);
  });

  it('clips probabilities to [eps, 1 − eps], so a certain mistake costs −ln eps, not ∞', () => {
    expect(logLoss(tensor([0, 1]), tensor([1, 0]))).toBeCloseTo(-Math.log(1e-15), 9); // 34.538776
    expect(logLoss(tensor([0]), tensor([1]), { eps: 1e-7 })).toBeCloseTo(-Math.log(1e-7), 9);
    expect(logLoss(tensor([1, 0]), tensor([1, 0]))).toBeCloseTo(0, 12);
  });

  it('is exact for logits of ±1000, without clipping', () => {
    expect(logLoss(tensor([-1000]), tensor([1]), { fromLogits: true })).toBe(1000);
    expect(logLoss(tensor([1000, -1000]), tensor([1, 0]), { fromLogits: true })).toBe(0);
    expect(logLoss(tensor([[1000, -1000, 0]]), labels([1]), { fromLogits: true })).toBe(2000);
  });

  it('is −mean ln p[label] for multiclass probabilities, labels or one-hot', () => {
    // −(ln 0.7 + ln 0.8) / 2
    const p = tensor([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]], undefined, 'float64');
    const expected = -(Math.log(0.7) + Math.log(0.8)) / 2;
    expect(logLoss(p, labels([0, 2]))).toBeCloseTo(expected, 12);
    expect(logLoss(p, tensor([[1, 0, 0], [0, 0, 1]]))).toBeCloseTo(expected, 12);
  });

  it('uses log-softmax for multiclass logits and takes soft targets', () => {
    // row 0: softmax [½, ½] → ln 2; row 1: softmax [¼, ¾] → −ln ¾
    const z = tensor([[0, 0], [0, Math.log(3)]], undefined, 'float64');
    expect(logLoss(z, labels([0, 1]), { fromLogits: true })).toBeCloseTo((Math.LN2 - Math.log(0.75)) / 2, 12);
    // soft row 1, t = [¼, ¾]: −(¼ ln ¼ + ¾ ln ¾)
    const row1 = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
    expect(logLoss(z, tensor([[1, 0], [0.25, 0.75]]), { fromLogits: true })).toBeCloseTo((Math.LN2 + row1) / 2, 7);
  });

  it('refuses probabilities outside [0, 1], suggesting fromLogits', () => {
    expect(() => logLoss(tensor([0.5, 2]), tensor([1, 0]))).toThrow(
      new ValueError('logLoss', 'probability 2 at position 1 is not in [0, 1]; pass { fromLogits: true } for logits'),
    );
  });

  it('refuses labels out of range and targets outside [0, 1]', () => {
    expect(() => logLoss(tensor([[0.5, 0.5]]), labels([2]))).toThrow(
      new ValueError('logLoss', 'label 2 at position 0 is out of range for 2 classes (expected 0 … 1)'),
    );
    expect(() => logLoss(tensor([0.5]), tensor([-1]))).toThrow(new ValueError('logLoss', 'target -1 at position 0 is not in [0, 1]'));
  });

  it('refuses targets of another shape, int32 predictions, NaN and a bad eps', () => {
    expect(() => logLoss(tensor([0.5, 0.5]), tensor([1, 0, 1]))).toThrow(ShapeError);
    expect(() => logLoss(tensor([[0.5, 0.5]]), tensor([[1, 0, 0]]))).toThrow(ShapeError);
    expect(() => logLoss(tensor([[0.5, 0.5]]), tensor([1]))).toThrow(ShapeError);
    expect(() => logLoss(tensor([1], [1], 'int32'), labels([1]))).toThrow(DTypeError);
    expect(() => logLoss(tensor([NaN]), tensor([1]))).toThrow(new ValueError('logLoss', 'prediction is NaN at position 0'));
    expect(() => logLoss(tensor([0.5]), tensor([1]), { eps: 0 })).toThrow(new ValueError('logLoss', 'eps must lie in (0, 0.5), got 0'));
  });
});
