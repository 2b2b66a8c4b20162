import { describe, expect, it } from 'vitest';
import { overfitting, QUICK, TECHNIQUES } from './overfitting';

describe('overfitting', () => {
  it('runs every technique in the quick variant and reports test errors, curves and a chart', async () => {
    const lines: string[] = [];
    const r = await overfitting({ ...QUICK, log: (line) => lines.push(line) });
    expect(r.runs.map((run) => run.technique)).toEqual([...TECHNIQUES]);
    expect(r.testSamples).toBe(300);
    expect(lines).toHaveLength(TECHNIQUES.length);
    for (const run of r.runs) {
      // chance is 90 % error; 12 steps on 200 digits take a 784-32-32-10 network to about 35–55 %
      expect(run.testErrorRate).toBeLessThan(0.75);
      expect(run.testErrors).toBe(Math.round(run.testErrorRate * 300));
      const expectedCurves = run.technique === 'ensemble' || run.technique === 'bagging' ? 2 : 1;
      expect(run.curves).toHaveLength(expectedCurves);
      for (const c of run.curves) {
        if (run.technique !== 'early-stopping') expect(c.train).toHaveLength(6);
        expect(c.validation).toHaveLength(c.train.length);
        expect(c.validation.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
      }
    }
    // the training loss falls for the unregularized network
    const none = r.runs[0].curves[0];
    expect(none.train[5]).toBeLessThan(none.train[0]);
    // one SVG with a panel per run, each a nested <svg>, and a table row per run
    expect(r.chartSvg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(r.chartSvg.match(/<svg[ >]/g)).toHaveLength(TECHNIQUES.length + 1);
    expect(r.chartSvg.match(/<\/svg>/g)).toHaveLength(TECHNIQUES.length + 1);
    expect(r.table.split('\n')).toHaveLength(TECHNIQUES.length + 2);
    expect(r.table).toContain('| sgld |');
  });
});
