import { describe, expect, it } from 'vitest';
import { formatTrialLine, formatTrials } from './format-trials';
import type { Trial } from './trial';

const trials: Trial<{ lr: number; act: string }>[] = [
  { id: 0, params: { lr: 0.1, act: 'relu' }, score: 0.25, status: 'ok', seed: 1, seconds: 0.5 },
  { id: 1, params: { lr: 0.00001234, act: 'tanh' }, score: null, status: 'failed', error: 'returned NaN', seed: 2, seconds: 0.1 },
  { id: 2, params: { lr: 0.0123456, act: 'tanh' }, score: 0.125, status: 'ok', seed: 3, seconds: 1.25 },
];

describe('formatTrials', () => {
  it('sorts best first, failed last with their error, columns aligned', () => {
    expect(formatTrials(trials).split('\n')).toEqual([
      'rank  trial   score  lr        act   seconds',
      '   1      2   0.125  0.01235   tanh     1.25',
      '   2      0    0.25  0.1       relu     0.50',
      '   3      1  failed  1.234e-5  tanh     0.10  returned NaN',
    ]);
  });

  it('reads the mode from a search result and keeps the best `limit` rows', () => {
    const lines = formatTrials({ trials, mode: 'max' }, { limit: 1 }).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^ {3}1 {6}0 {3}0\.25/);
  });

  it('leaves out the seconds when asked (for output that must not change from run to run)', () => {
    expect(formatTrials(trials, { seconds: false, limit: 1 }).split('\n')).toEqual(['rank  trial  score  lr       act', '   1      2  0.125  0.01235  tanh']);
  });
});

describe('formatTrialLine', () => {
  it('shows the trial, its score, the best so far and the parameters', () => {
    expect(formatTrialLine(trials[2], { done: 3, total: 12, best: trials[2] })).toBe(
      'trial  3/12  score 0.125  best 0.125 (#2)  lr=0.01235 act=tanh  1.25 s',
    );
    expect(formatTrialLine(trials[1], { done: 2, total: 12, best: trials[0] })).toBe(
      'trial  2/12  failed (returned NaN)  best 0.25 (#0)  lr=1.234e-5 act=tanh  0.10 s',
    );
  });
});
