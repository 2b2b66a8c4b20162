import { describe, expect, it } from 'vitest';
import { ValueError } from '@nn/tensor';
import { curveChartSvg } from './curve-chart-svg';
import { learningCurve } from './learning-curve';
import { validationCurve } from './validation-curve';

const n = 40;
const y = Array.from({ length: n }, (_, i) => Math.sin(i) * 3 + (i % 7));
const folds = [0, 1].map((f) => ({
  train: Int32Array.from({ length: n }, (_, i) => i).filter((i) => i % 2 !== f),
  test: Int32Array.from({ length: n }, (_, i) => i).filter((i) => i % 2 === f),
}));
const meanOf = (idx: Int32Array) => idx.reduce((s, i) => s + y[i], 0) / idx.length;
const mse = (m: number, idx: Int32Array) => idx.reduce((s, i) => s + (y[i] - m) ** 2, 0) / idx.length;

describe('learningCurve', () => {
  it('trains on nested random subsets of each training fold and scores both sides', async () => {
    const calls: number[][] = [];
    const curve = await learningCurve({
      folds, sizes: [0.25, 10, 20], seed: 3, score: mse,
      fit: (idx) => { calls.push([...idx]); return meanOf(idx); },
    });
    expect(curve.map((p) => p.x)).toEqual([5, 10, 20]);
    // calls go size by size, fold by fold: fold 0 gets calls 0, 2, 4
    for (const f of [0, 1]) {
      const [a, b, c] = [calls[f], calls[2 + f], calls[4 + f]];
      expect(a.every((i) => b.includes(i))).toBe(true);
      expect(b.every((i) => c.includes(i))).toBe(true);
      expect(c.every((i) => folds[f].train.includes(i))).toBe(true);
    }
    // with the whole training fold the mean model's scores are those of plain cross-validation
    const last = curve[2];
    expect(last.test.scores).toEqual(folds.map((s) => mse(meanOf(s.train), s.test)));
    expect(last.train.scores).toEqual(folds.map((s) => mse(meanOf(s.train), s.train)));
  });

  it('refuses sizes that do not fit a fold', async () => {
    await expect(learningCurve({ folds, sizes: [21], fit: meanOf, score: mse })).rejects.toThrow(
      new ValueError('learningCurve', 'training-set size 21 does not fit fold 0, which has 20 training samples (give a count 1 … 20 or a fraction in (0, 1))'),
    );
    await expect(learningCurve({ folds, sizes: [], fit: meanOf, score: mse })).rejects.toThrow(ValueError);
  });
});

describe('validationCurve', () => {
  it('cross-validates each value of the hyper-parameter', async () => {
    // model: the training mean shrunk towards 0 by a factor λ
    const curve = await validationCurve({ folds, values: [0, 0.5, 1], fit: (idx, lambda: number) => lambda * meanOf(idx), score: mse });
    expect(curve.map((p) => p.x)).toEqual([0, 0.5, 1]);
    for (const p of curve) {
      expect(p.test.scores).toEqual(folds.map((s) => mse(p.x * meanOf(s.train), s.test)));
    }
    // the training error of a mean shrunk by λ is smallest at λ = 1 (the least-squares constant)
    expect(curve[2].train.mean).toBeLessThan(curve[1].train.mean);
    expect(curve[1].train.mean).toBeLessThan(curve[0].train.mean);
  });

  it('draws as an SVG chart with a training and a validation line', async () => {
    const curve = await validationCurve({ folds, values: [0.1, 1, 10], fit: (idx, lambda: number) => lambda * meanOf(idx), score: mse });
    const svg = curveChartSvg(curve, { title: 'shrinkage', xLabel: 'λ', yLabel: 'MSE', logX: true });
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg).toContain('>training<');
    expect(svg).toContain('>validation<');
  });
});
