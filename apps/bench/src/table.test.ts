import { describe, expect, it } from 'vitest';
import { type Figure, bestOurs, formatNumber, formatTable, ratio, workloadTable } from './table';

describe('ratio', () => {
  it('divides ours by the peer, with more digits for small ratios', () => {
    expect(ratio(6, 2)).toBe('3.00×');
    expect(ratio(1, 4)).toBe('0.25×');
    expect(ratio(125, 10)).toBe('12.5×');
    expect(ratio(5000, 10)).toBe('500×');
  });

  it('is n/a when either side is missing or not positive', () => {
    expect(ratio(undefined, 2)).toBe('n/a');
    expect(ratio(2, undefined)).toBe('n/a');
    expect(ratio(2, 0)).toBe('n/a');
    expect(ratio(Number.NaN, 1)).toBe('n/a');
  });
});

describe('formatNumber', () => {
  it('keeps about three significant digits and groups thousands', () => {
    expect(formatNumber(12345.6)).toBe('12,346');
    expect(formatNumber(123.4)).toBe('123');
    expect(formatNumber(12.34)).toBe('12.3');
    expect(formatNumber(1.234)).toBe('1.23');
    expect(formatNumber(0.01234)).toBe('0.0123');
    expect(formatNumber(undefined)).toBe('—');
  });
});

describe('formatTable', () => {
  it('pads every column to its widest cell, text left and numbers right', () => {
    const text = formatTable(['lib', 'backend', 'x'], [['a', 'cpu', '1.5'], ['long', 'wasm', '10.25']]);
    expect(text.split('\n')).toEqual([
      'lib   backend      x',
      '----  -------  -----',
      'a     cpu        1.5',
      'long  wasm     10.25',
    ]);
  });
});

describe('workloadTable', () => {
  const figures: Figure[] = [
    { workload: 'W1', case: 'n = 256', library: '@nn', backend: 'cpu', ours: true, gflops: 2 },
    { workload: 'W1', case: 'n = 256', library: '@nn', backend: 'wasm', ours: true, gflops: 8 },
    { workload: 'W1', case: 'n = 256', library: 'tfjs', backend: 'wasm', ours: false, gflops: 16 },
    { workload: 'W1', case: 'n = 512', library: '@nn', backend: 'cpu', ours: true, gflops: 3 },
    { workload: 'W1', case: 'n = 512', library: 'tfjs', backend: 'cpu', ours: false, gflops: 0.5 },
    { workload: 'W1', case: 'n = 512', library: 'tfjs', backend: 'wasm', ours: false, note: 'failed' },
  ];

  it("takes @nn's best backend in the same case", () => {
    expect(bestOurs(figures.filter((f) => f.case === 'n = 256'), 'gflops')).toBe(8);
    expect(bestOurs([], 'gflops')).toBeUndefined();
  });

  it('shows one row per figure with the ratio of @nn best to each peer, and leaves out empty columns', () => {
    const lines = workloadTable(figures, 'gflops').split('\n');
    expect(lines[0]).toMatch(/^case\s+library\/backend\s+GFLOPS\s+@nn best ÷ this\s+note$/);
    expect(lines).toHaveLength(2 + figures.length);
    expect(lines[4]).toMatch(/^n = 256\s+tfjs wasm\s+16\.0\s+0\.50×$/);
    expect(lines[6]).toMatch(/^n = 512\s+tfjs cpu\s+0\.500\s+6\.00×$/);
    expect(lines[7]).toMatch(/^n = 512\s+tfjs wasm\s+n\/a\s+n\/a\s+failed$/);
    expect(lines[2]).toMatch(/^n = 256\s+@nn cpu\s+2\.00$/);
  });

  it('shows samples/s and accuracy columns when figures have them', () => {
    const text = workloadTable(
      [
        { workload: 'W2', case: 'MLP', library: '@nn', backend: 'cpu', ours: true, samplesPerSecond: 3000, gflops: 3.6, accuracy: 0.9123 },
        { workload: 'W2', case: 'MLP', library: 'brain.js', backend: 'js', ours: false, samplesPerSecond: 1000, gflops: 1.2, accuracy: 0.1, detail: { accuracyEpochs: 2 } },
      ],
      'samplesPerSecond',
    );
    expect(text.split('\n')[0]).toMatch(/^case\s+library\/backend\s+samples\/s\s+GFLOPS\s+test acc\.\s+@nn best ÷ this$/);
    expect(text.split('\n')[3]).toMatch(/^MLP\s+brain\.js js\s+1,000\s+1\.20\s+10\.0% \(2 ep\)\s+3\.00×$/);
    expect(text.split('\n')[2]).toContain('91.2%');
  });
});
