import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const appDir = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'nn-mnist-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Runs the built CLI (the test command builds every package and app first). */
const mnist = (...args: string[]) => run(process.execPath, ['dist/main.js', ...args], { cwd: appDir });

describe('mnist --quick (what CI runs)', () => {
  it('trains LeNet-5 on a few thousand digits, learns, and writes every output', async () => {
    const { stdout } = await mnist('--quick', '--out', out, '--backend', 'cpu');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.test.samples).toBe(1000);
    expect(summary.test.errorRate).toBeLessThan(0.1);
    expect(stdout).toMatch(/test error: \d+ of 1000/);
    // The per-epoch test figures are named test, never validation: nothing is chosen by them.
    expect(stdout).toMatch(/test \(observed only, never trained on\): loss \d\.\d{4}  error \d+\.\d{2} %/);
    expect(stdout).not.toMatch(/val_/);
    expect(summary.testCurve).toHaveLength(1);
    expect(summary.testCurve[0].errorRate).toBeCloseTo(summary.test.errorRate, 10);
    expect(summary.history.epochs[0].valLoss).toBeUndefined();
    expect(readFileSync(join(out, 'loss.svg'), 'utf8')).toContain('>test (observed only)</text>');
    for (const f of ['model/model.json', 'loss.svg', 'error.svg', 'misclassified.png']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(readdirSync(join(out, 'model')).filter((f) => f.endsWith('.safetensors'))).toHaveLength(1);
    const evaluated = await mnist('--eval', join(out, 'model'), '--quick', '--backend', 'cpu');
    expect(evaluated.stdout).toContain(`test error: ${summary.test.errors} of 1000`);
  }, 240_000);

  it('fails with a clear message and a non-zero exit on a missing data folder or a broken model', async () => {
    await expect(mnist('--quick', '--data', join(out, 'nowhere'))).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^mnist: .*nowhere/) });
    const broken = join(out, 'broken');
    rmSync(broken, { recursive: true, force: true });
    await run('mkdir', ['-p', broken]);
    writeFileSync(join(broken, 'model.json'), '{"format":"nn-model","version":1,"layer":{"kind":"dense","config":{}}}');
    await expect(mnist('--eval', broken, '--quick')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^mnist: /) });
  }, 60_000);

  it('chooses a recipe by a search on held-out training digits, and resumes it from its log', async () => {
    const dir = join(out, 'search');
    const first = await mnist('--search', '--quick', '--trials', '2', '--out', dir, '--backend', 'cpu');
    expect(first.stdout).toContain('the test set is not loaded');
    expect(first.stdout).toMatch(/trial 2\/2: validation error \d+\.\d{2} %/);
    const log = readFileSync(join(dir, 'trials.jsonl'), 'utf8').trim().split('\n');
    expect(log).toHaveLength(2);
    const best = JSON.parse(readFileSync(join(dir, 'best.json'), 'utf8'));
    expect(Object.keys(best.best.params).sort()).toEqual(['batchSize', 'finalRateRatio', 'learningRate', 'momentum']);
    // The second stage trains the best first-stage recipe and the incumbent on the full schedule.
    expect(best.confirmed.map((c: { source: string }) => c.source).sort()).toEqual(['incumbent', `trial ${best.best.id}`]);
    expect(best.chosen.validationError).toBe(Math.min(...best.confirmed.map((c: { validationError: number }) => c.validationError)));
    expect(first.stdout).toMatch(/confirm incumbent: validation error \d+\.\d{2} %/);
    expect(readFileSync(join(dir, 'search.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    // A second run with the same seed replays the logged trials instead of training again.
    const again = await mnist('--search', '--quick', '--trials', '2', '--out', dir, '--backend', 'cpu');
    expect(again.stdout).toContain('resuming: 2 trials read');
    expect(again.stdout).not.toMatch(/trial \d\/2:/);
    const replayed = JSON.parse(readFileSync(join(dir, 'best.json'), 'utf8'));
    expect(replayed.best).toEqual(best.best);
    expect(replayed.chosen.params).toEqual(best.chosen.params);
  }, 240_000);
});
