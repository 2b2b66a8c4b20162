import { describe, expect, it } from 'vitest';
import { invocationDir, parseArgs } from './args';

describe('parseArgs', () => {
  it('gives the default recipe with no flags', () => {
    expect(parseArgs([], '/home/me')).toMatchObject({ epochs: 12, batchSize: 32, learningRate: 0.05, lrDecay: 0.8, augment: false, seed: 1, backend: 'auto', out: '/home/me/out/mnist', validation: 0, quick: false });
  });

  it('reads every flag', () => {
    const o = parseArgs(['--epochs', '3', '--batch-size', '64', '--lr', '0.1', '--lr-decay', '0.9', '--augment', '--seed', '7', '--backend', 'cpu', '--out', 'x', '--validation', '500', '--eval', 'm', '--data', '/d'], '/home/me');
    expect(o).toMatchObject({ epochs: 3, batchSize: 64, learningRate: 0.1, lrDecay: 0.9, augment: true, seed: 7, backend: 'cpu', out: '/home/me/x', validation: 500, evalDir: '/home/me/m', dataDir: '/d' });
  });

  it('takes relative paths from the folder the command was run in (pnpm keeps it in INIT_CWD)', () => {
    expect(invocationDir({ INIT_CWD: '/repo' })).toBe('/repo');
    expect(invocationDir({})).toBe(process.cwd());
    expect(parseArgs(['--out', '../elsewhere'], '/repo/sub').out).toBe('/repo/elsewhere');
  });

  it('makes --quick small and --augment longer', () => {
    expect(parseArgs(['--quick'])).toMatchObject({ epochs: 1, validation: 0, quick: true });
    expect(parseArgs(['--augment'])).toMatchObject({ epochs: 20, lrDecay: 0.9 });
  });

  it('reads the recipe search flags, writing into out/mnist-search by default', () => {
    expect(parseArgs(['--search'], '/r')).toMatchObject({ search: true, out: '/r/out/mnist-search' });
    expect(parseArgs(['--search', '--trials', '4'], '/r')).toMatchObject({ search: true, trials: 4 });
    expect(parseArgs([], '/r')).toMatchObject({ search: false });
    expect(parseArgs([], '/r').trials).toBeUndefined();
    expect(() => parseArgs(['--search', '--trials', '0'])).toThrow('--trials must be a positive integer, got "0"');
  });

  it('refuses what it does not understand, saying what was wrong', () => {
    expect(() => parseArgs(['--epochs', '0'])).toThrow('--epochs must be a positive integer, got "0"');
    expect(() => parseArgs(['--lr', 'fast'])).toThrow('--lr must be a positive number, got "fast"');
    expect(() => parseArgs(['--backend', 'tpu'])).toThrow('--backend must be cpu, wasm, gpu or auto, got "tpu"');
    expect(() => parseArgs(['--out'])).toThrow('--out needs a value');
    expect(() => parseArgs(['--fast'])).toThrow('unknown argument "--fast" (see --help)');
  });
});
