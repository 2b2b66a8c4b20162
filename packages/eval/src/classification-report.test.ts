import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError, tensor } from '@nn/tensor';
import { classificationReport } from './classification-report';

const labels = (values: number[]) => tensor(values, [values.length], 'int32');

describe('classificationReport', () => {
  // true:      0 0 0 1 1 2 2 2 2 2
  // predicted: 0 0 1 1 2 2 2 2 0 1
  // confusion (rows true, columns predicted): [[2,1,0],[0,1,1],[1,1,3]]
  const report = () => classificationReport(labels([0, 0, 1, 1, 2, 2, 2, 2, 0, 1]), labels([0, 0, 0, 1, 1, 2, 2, 2, 2, 2]), 3);

  it('gives per-class precision, recall, F1 and support from the confusion matrix', () => {
    const { perClass } = report();
    // class 0: TP 2, predicted 3, support 3 → P = 2/3, R = 2/3, F1 = 2/3
    expect(perClass[0].precision).toBeCloseTo(2 / 3, 12);
    expect(perClass[0].recall).toBeCloseTo(2 / 3, 12);
    expect(perClass[0].f1).toBeCloseTo(2 / 3, 12);
    expect(perClass[0].support).toBe(3);
    // class 1: TP 1, predicted 3, support 2 → P = 1/3, R = 1/2, F1 = 2·(1/6)/(5/6) = 0.4
    expect(perClass[1].precision).toBeCloseTo(1 / 3, 12);
    expect(perClass[1].recall).toBeCloseTo(0.5, 12);
    expect(perClass[1].f1).toBeCloseTo(0.4, 12);
    // class 2: TP 3, predicted 4, support 5 → P = 3/4, R = 3/5, F1 = 2·0.45/1.35 = 2/3
    expect(perClass[2].precision).toBeCloseTo(0.75, 12);
    expect(perClass[2].recall).toBeCloseTo(0.6, 12);
    expect(perClass[2].f1).toBeCloseTo(2 / 3, 12);
  });

  it('averages per class (macro), pooled (micro) and by support (weighted)', () => {
    const { macro, micro, weighted, accuracy, support } = report();
    // macro P = (2/3 + 1/3 + 3/4)/3 = 7/12; R = (2/3 + 1/2 + 3/5)/3 = 53/90; F1 = (2/3 + 0.4 + 2/3)/3 = 26/45
    expect(macro.precision).toBeCloseTo(7 / 12, 12);
    expect(macro.recall).toBeCloseTo(53 / 90, 12);
    expect(macro.f1).toBeCloseTo(26 / 45, 12);
    // micro: ΣTP = 6, ΣFP = ΣFN = 4 → 0.6 each, equal to the accuracy
    expect(micro).toEqual({ precision: 0.6, recall: 0.6, f1: 0.6 });
    expect(accuracy).toBe(0.6);
    expect(support).toBe(10);
    // weighted R = (3·2/3 + 2·1/2 + 5·3/5)/10 = 0.6 (always the accuracy); P = (2 + 2/3 + 3.75)/10
    expect(weighted.recall).toBeCloseTo(0.6, 12);
    expect(weighted.precision).toBeCloseTo((2 + 2 / 3 + 3.75) / 10, 12);
  });

  it('counts a never-predicted or absent class as 0 rather than NaN', () => {
    // class 2 never appears and is never predicted; class 1 is never predicted
    const r = classificationReport(labels([0, 0, 0]), labels([0, 1, 0]), 3);
    expect(r.perClass[1]).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(r.perClass[2]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    // class 0: P = 2/3, R = 1, F1 = 0.8
    expect(r.perClass[0].f1).toBeCloseTo(0.8, 12);
  });

  it('reads logits and binary probabilities like the other metrics', () => {
    // thresholded at 0.5: 1 0 1 0 against 1 1 0 0 → class 1: TP 1, FP 1, FN 1
    const r = classificationReport(tensor([0.9, 0.2, 0.7, 0.1]), labels([1, 1, 0, 0]), 2);
    expect(r.perClass[1]).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
  });

  it('refuses an empty batch and mismatched inputs', () => {
    expect(() => classificationReport(labels([]), labels([]), 2)).toThrow(ValueError);
    expect(() => classificationReport(labels([0, 1]), labels([0]), 2)).toThrow(ShapeError);
  });
});
