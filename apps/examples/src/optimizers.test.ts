import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { checkSvgWellFormed } from './chart-svg-check';
import { CONTENDERS, QUICK, main, makeQuadratic, optimizers, quadraticRun, quadraticValue, resultTable, takeOut } from './optimizers';

describe('makeQuadratic', () => {
  it('2-D: eigenvalues 1 and 100 along the axes turned by 30°, starting at f = 20.5', () => {
    const q = makeQuadratic(2, 100, 1);
    const [c, s] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)];
    const times = (v: number[]) => [q.matrix[0] * v[0] + q.matrix[1] * v[1], q.matrix[2] * v[0] + q.matrix[3] * v[1]];
    expect(times([c, s])).toEqual([expect.closeTo(c, 12), expect.closeTo(s, 12)]); // A·u₁ = 1·u₁
    expect(times([-s, c])).toEqual([expect.closeTo(-100 * s, 10), expect.closeTo(100 * c, 10)]); // A·u₂ = 100·u₂
    expect(quadraticValue(q, q.start)).toBeCloseTo(20.5, 10); // ½(1·(−4)² + 100·0.5²)
  });

  it('n-D: symmetric, with trace Σλ and Frobenius norm² Σλ² of λᵢ = 1000^(i/(n−1))', () => {
    const n = 12;
    const q = makeQuadratic(n, 1000, 3);
    const lambda = Array.from({ length: n }, (_, i) => 1000 ** (i / (n - 1)));
    let trace = 0;
    let frob = 0;
    for (let i = 0; i < n; i++) {
      trace += q.matrix[i * n + i];
      for (let j = 0; j < n; j++) {
        frob += q.matrix[i * n + j] ** 2;
        expect(q.matrix[i * n + j]).toBeCloseTo(q.matrix[j * n + i], 9);
      }
    }
    // an orthogonal Q keeps both: tr(QΛQᵀ) = tr Λ and ‖QΛQᵀ‖_F = ‖Λ‖_F
    expect(trace).toBeCloseTo(lambda.reduce((a, b) => a + b), 8);
    expect(frob).toBeCloseTo(lambda.reduce((a, b) => a + b * b, 0), 5);
  });
});

describe('quadraticRun', () => {
  it('gradient descent at lr 1/λ_max removes the steep direction in one step, then shrinks the other by 1 − 1/100 a step', () => {
    const q = makeQuadratic(2, 100, 1);
    const run = quadraticRun(CONTENDERS[0], q, 10, 0, 0.01);
    // after k ≥ 1 steps only the λ = 1 component is left, (−4)·0.99ᵏ: f = ½·16·0.99²ᵏ
    expect(run.losses[0]).toBeCloseTo(20.5, 10);
    expect(run.losses[1]).toBeCloseTo(8 * 0.99 ** 2, 10);
    expect(run.losses[10]).toBeCloseTo(8 * 0.99 ** 20, 10);
    expect(run.steps).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(run.passes).toEqual(run.steps); // one gradient per step
    expect(run.path).toHaveLength(11);
    expect(run.reached).toBeUndefined();
  });

  it('stops a diverging run and says so', () => {
    const run = quadraticRun(CONTENDERS[0], makeQuadratic(2, 100, 1), 100, 0, 0.05); // |1 − 0.05·100| = 4 > 1
    expect(run.note).toMatch(/^diverged at step \d+$/);
    expect(run.losses.length).toBeLessThan(100);
  });
});

describe('optimizers', () => {
  it('--quick: every optimizer on every problem reached the target or missed it, with its charts written', async () => {
    const out = await mkdtemp(join(tmpdir(), 'optimizers-'));
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await main(['--quick', '--out', out]);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    const text = printed.join('\n');
    const tables = text.split('\n\n').filter((block) => block.includes('optimizer  '));
    expect(tables).toHaveLength(3);
    for (const table of tables) {
      const rows = table.split('\n').slice(3);
      expect(rows.map((r) => r.split(/\s{2,}/)[0]).sort()).toEqual(CONTENDERS.map((c) => c.name).sort());
      for (const row of rows) {
        // reached: a step count and seconds; missed: dashes and why
        expect(row).toMatch(/\s(\d+\s+[\d.]+\s+[\d.]+\s+[\d.e+-]+|—\s+—\s+—\s+\S+\s+(missed in \d+ steps|diverged|failed|not run).*)$/);
      }
    }
    const files = (await readdir(out)).sort();
    expect(files).toEqual(['mlp-passes.svg', 'mlp-seconds.svg', 'quadratic-2d-paths.svg', 'quadratic-2d-seconds.svg', 'quadratic-2d-steps.svg', 'quadratic-high-seconds.svg', 'quadratic-high-steps.svg', 'results.json']);
    for (const f of files.filter((name) => name.endsWith('.svg'))) checkSvgWellFormed(await readFile(join(out, f), 'utf8'));
    const json = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as { runs: unknown[] }[];
    expect(json.map((p) => p.runs.length)).toEqual([CONTENDERS.length, CONTENDERS.length, CONTENDERS.length]);
    await rm(out, { recursive: true });
  });

  it('momentum beats plain gradient descent on the ill-conditioned quadratic (√κ against κ)', () => {
    const q = makeQuadratic(2, 100, 1);
    const target = 1e-8 * 20.5;
    // GD at lr 0.01: f = 8·0.99²ᵏ after the first step, ≤ 2.05e-7 from k = ln(2.05e-7 / 8) / ln(0.9801) ≈ 869
    const gd = quadraticRun(CONTENDERS[0], q, 400, target, 0.01);
    expect(gd.reached).toBeUndefined();
    // heavy ball at lr 0.01, μ 0.9: z² − (1 + μ − ηλ)·z + μ = 0 has complex roots of modulus √0.9 for both
    // λ = 1 and λ = 100, so f falls by 0.9 a step: about ln(1e-8) / ln(0.9) ≈ 175 steps, plus a transient
    const heavyBall = quadraticRun(CONTENDERS[1], q, 400, target, 0.01);
    expect(heavyBall.reached).toBeGreaterThan(150);
    expect(heavyBall.reached).toBeLessThan(260);
  });
});

describe('resultTable', () => {
  it('sorts by seconds to the target, those that missed last', () => {
    const base = { steps: [0, 1, 2], passes: [0, 1, 2], losses: [1, 0.1, 0.001] };
    const table = resultTable({
      problem: 'p',
      target: 0.01,
      runs: [
        { optimizer: 'slow', ...base, losses: [1, 0.5, 0.2], seconds: [0, 1, 2] },
        { optimizer: 'fast', rate: 0.1, ...base, seconds: [0, 0.5, 1], reached: 2 },
      ],
    });
    const rows = table.split('\n');
    expect(rows[0]).toBe('p: to loss ≤ 1.0e-2');
    expect(rows[3]).toMatch(/^fast\s+0\.1\s+2\s+2\s+1\.00\s+1\.0e-3$/); // reached at index 2: step 2, 2 passes, 1 s
    expect(rows[4]).toMatch(/^slow\s+—\s+—\s+—\s+2\.0e-1\s+missed in 2 steps$/);
  });
});

describe('takeOut', () => {
  it('takes --out DIR or --out=DIR and leaves the rest', () => {
    expect(takeOut(['--quick', '--out', 'a'], 'x')).toEqual({ out: 'a', rest: ['--quick'] });
    expect(takeOut(['--out=b', '--seed', '2'], 'x')).toEqual({ out: 'b', rest: ['--seed', '2'] });
    expect(takeOut([], 'x')).toEqual({ out: 'x', rest: [] });
    expect(() => takeOut(['--out'], 'x')).toThrow('optimizers: --out needs a folder');
  });
});

afterAll(() => vi.restoreAllMocks());
