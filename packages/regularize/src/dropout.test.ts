import { DTypeError, NnError, ValueError, createRng, mul, ones, randn, sum, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { dropout } from './dropout';
import { values } from './test-helpers';

const N = 100_000;
const meanOf = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

describe('dropout', () => {
  it('keeps the expected activation for rates 0.1, 0.5 and 0.8, in both modes (fixed seeds)', () => {
    const x = ones([N]);
    for (const [i, p] of [0.1, 0.5, 0.8].entries()) {
      // Inverted: each output is 0 or 1/(1 − p), mean 1, variance p/(1 − p); at test the identity.
      const inverted = values(dropout(p).forward(x, { training: true, rng: createRng(100 + i) }));
      expect(Math.abs(meanOf(inverted) - 1)).toBeLessThan(4 * Math.sqrt(p / (1 - p) / N));
      expect(Math.abs(inverted.filter((v) => v === 0).length / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
      expect(new Set(inverted)).toEqual(new Set([0, Math.fround(1 / (1 - p))]));
      expect(dropout(p).forward(x)).toBe(x);
      // Scale at test: outputs 0 or 1 with mean 1 − p while training, and (1 − p)·x at test.
      const plain = values(dropout(p, { mode: 'scale-at-test' }).forward(x, { training: true, rng: createRng(200 + i) }));
      expect(Math.abs(meanOf(plain) - (1 - p))).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
      expect(dropout(p, { mode: 'scale-at-test' }).forward(tensor([2, -4]))).toBeAllClose([2 * (1 - p), -4 * (1 - p)]);
    }
  });

  it('is the identity at rate 0, in training too', () => {
    const x = tensor([[1, -2, 3]]);
    expect(dropout(0).forward(x, { training: true, rng: createRng(1) })).toBe(x);
    expect(dropout(0, { mode: 'scale-at-test' }).forward(x)).toBe(x);
  });

  it('repeats exactly with the same seed, and draws a fresh mask on every call', () => {
    const x = randn([4, 50], { rng: createRng(2) });
    const layer = dropout(0.5);
    const a = layer.forward(x, { training: true, rng: createRng(3) });
    expect(layer.forward(x, { training: true, rng: createRng(3) })).toBeAllClose(a, { rtol: 0, atol: 0 });
    const rng = createRng(3);
    layer.forward(x, { training: true, rng });
    expect(values(layer.forward(x, { training: true, rng }))).not.toEqual(values(a));
  });

  it('has the gradient of a fixed mask: mask/(1 − p), or the mask (float64)', () => {
    const rng = createRng(4);
    const x = randn([3, 5], { rng, dtype: 'float64' });
    const c = randn([3, 5], { rng, dtype: 'float64' }); // weights of a loss that mixes the outputs
    for (const mode of ['inverted', 'scale-at-test'] as const) {
      const layer = dropout(0.4, { mode });
      // A fresh generator with one seed inside f: every evaluation sees the same mask.
      expectGradClose((p) => sum(mul(layer.forward(p.x, { training: true, rng: createRng(9) }), c)), { x });
    }
  });

  it('refuses a rate outside [0, 1), an unknown mode, a non-float input and training without a generator', () => {
    expect(() => dropout(1)).toThrow('dropout: rate must be in [0, 1), got 1');
    expect(() => dropout(-0.1)).toThrow(ValueError);
    expect(() => dropout(Number.NaN)).toThrow(ValueError);
    expect(() => dropout(0.5, { mode: 'tf' as never })).toThrow(ValueError);
    expect(() => dropout(0.5).forward(tensor([1], [1], 'int32'))).toThrow(DTypeError);
    expect(() => dropout(0.5).forward(tensor([1]), { training: true }))
      .toThrow('dropout: training needs a generator: call forward(x, { training: true, rng: createRng(seed) }) (fit passes one)');
    expect(() => dropout(0.5).forward(tensor([1]), { training: true })).toThrow(NnError);
  });

  it('describes itself for save and load', () => {
    expect(dropout(0.25)).toMatchObject({ kind: 'dropout', config: { rate: 0.25, mode: 'inverted' }, params: {} });
  });
});
