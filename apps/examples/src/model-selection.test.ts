import { describe, expect, it } from 'vitest';
import type { Trial } from '@nn/core';
import { loadBreastCancer } from '@nn/core/datasets';
import { QUICK, bestSoFar, searchChart, splitIndices, splitJson, tuneMlp, wrongVsRight } from './model-selection';

describe('splitIndices', () => {
  it('cuts a stratified development / test / fresh split that covers every sample once', () => {
    const ds = loadBreastCancer();
    const { dev, test, fresh } = splitIndices(ds, 1, true);
    expect(dev.length + test.length + fresh.length).toBe(569);
    expect(new Set([...dev, ...test, ...fresh]).size).toBe(569);
    // 212 malignant (label 0) of 569, 37.3%: a stratified quarter keeps that share
    const y = ds.y.dataSync();
    expect(Math.abs(Array.from(test).filter((i) => y[i] === 0).length / test.length - 212 / 569)).toBeLessThan(0.01);
  });
});

describe('wrongVsRight (quick budget)', () => {
  it('picks by test error and by CV error among the same candidates', async () => {
    const r = await wrongVsRight(QUICK, 2);
    const [s] = r.selections;
    expect(s.candidates).toHaveLength(QUICK.candidates);
    expect(s.wrong.testError).toBe(Math.min(...s.candidates.map((c) => c.testError)));
    expect(s.right.cvError).toBe(Math.min(...s.candidates.map((c) => c.cvError)));
    expect(r.mean.wrongReported).toBe(s.wrong.testError);
    expect(s.right.testError).toBeLessThan(0.2); // chance is ≈ 0.37
  }, 60_000);
});

describe('tuneMlp (quick budget)', () => {
  it('searches by CV, tests the best configuration once, and exports the split', async () => {
    const tuned = await tuneMlp('breast-cancer', QUICK, 1);
    expect(tuned.random.trials).toHaveLength(QUICK.trials);
    expect(tuned.bayesian.trials).toHaveLength(QUICK.trials);
    expect(tuned.testAccuracy).toBeGreaterThan(0.85);
    const json = JSON.parse(splitJson(tuned));
    expect(json.dev.length + json.test.length).toBe(569);
    expect([json.x.length, json.x[0].length, json.y.length]).toEqual([569, 30, 569]);
    expect(json.best).toEqual(tuned.best);
    const svg = searchChart(tuned);
    expect(svg.match(/<path /g)).toHaveLength(2);
  }, 60_000);
});

describe('bestSoFar', () => {
  it('keeps the running minimum and skips failed trials', () => {
    const t = (score: number | null): Trial => ({ id: 0, params: {}, score, status: score === null ? 'failed' : 'ok', seed: 0, seconds: 0 });
    expect(bestSoFar([t(null), t(0.3), t(0.5), t(null), t(0.1)])).toEqual([[2, 0.3], [3, 0.3], [4, 0.3], [5, 0.1]]);
  });
});
