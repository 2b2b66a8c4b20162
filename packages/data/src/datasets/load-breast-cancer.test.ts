import { describe, expect, it } from 'vitest';
import { loadBreastCancer } from './load-breast-cancer';

describe('loadBreastCancer', () => {
  it('holds 569 samples of 30 features: 212 malignant (0) and 357 benign (1)', () => {
    const bc = loadBreastCancer();
    expect(bc.x.shape).toEqual([569, 30]);
    expect(bc.classNames).toEqual(['malignant', 'benign']);
    expect(bc.featureNames.slice(0, 2)).toEqual(['mean radius', 'mean texture']);
    expect(bc.featureNames[10]).toBe('radius error');
    expect(bc.featureNames[29]).toBe('worst fractal dimension');
    const y = Array.from(bc.y.dataSync());
    expect([y.filter((l) => l === 0).length, y.filter((l) => l === 1).length]).toEqual([212, 357]);
    // first row of breast_cancer.csv begins 17.99,10.38,122.8,1001 and ends 0.1189 (label 0)
    const x = bc.x.dataSync();
    expect(x[0]).toBeCloseTo(17.99, 5);
    expect(x[3]).toBe(1001);
    expect(x[29]).toBeCloseTo(0.1189, 6);
  });
});
