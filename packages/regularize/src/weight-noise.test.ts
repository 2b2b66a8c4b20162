import { NnError, ValueError, createRng, eye, mul, randn, sub, sum, tensor, zeros } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { testLinear, values } from './test-helpers';
import { weightNoise } from './weight-noise';

describe('weightNoise', () => {
  it('perturbs every weight with noise of the stated variance, fresh at every pass (fixed seed)', () => {
    const inner = testLinear(4, 50, createRng(31));
    const layer = weightNoise(inner, 0.2);
    const rng = createRng(32);
    const clean = inner.forward(eye(4)); // eye·W + b = W + b, one row per input
    const noise: number[] = [];
    for (let pass = 0; pass < 200; pass++) noise.push(...values(sub(layer.forward(eye(4), { training: true, rng }), clean)));
    const n = noise.length; // 40,000 draws
    const m = noise.reduce((s, v) => s + v, 0) / n;
    const variance = noise.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1);
    expect(Math.abs(m)).toBeLessThan(5 * (0.2 / Math.sqrt(n)));
    expect(Math.abs(variance - 0.04)).toBeLessThan(5 * 0.04 * Math.sqrt(2 / (n - 1)));
  });

  it('leaves the biases clean by default, and noises what a mask selects', () => {
    const inner = testLinear(3, 2, createRng(33));
    const x = zeros([1, 3]); // y = b
    expect(weightNoise(inner, 1).forward(x, { training: true, rng: createRng(1) })).toBeAllClose([values(inner.params.b)], { rtol: 0, atol: 0 });
    const both = weightNoise(inner, 1, { select: { w: true, b: true } }).forward(x, { training: true, rng: createRng(1) });
    expect(values(both)).not.toEqual(values(inner.params.b));
  });

  it('is the wrapped layer at test time, shares its params, and puts the clean weights back, even on a throw', () => {
    const inner = testLinear(3, 2, createRng(34));
    const layer = weightNoise(inner, 0.5);
    const w = inner.params.w;
    const x = randn([2, 3], { rng: createRng(35) });
    expect(layer.forward(x)).toBeAllClose(inner.forward(x), { rtol: 0, atol: 0 });
    expect(layer.params).toBe(inner.params);
    layer.forward(x, { training: true, rng: createRng(1) });
    expect(inner.params.w).toBe(w);
    expect(() => layer.forward(zeros([2, 5]), { training: true, rng: createRng(1) })).toThrow();
    expect(inner.params.w).toBe(w);
  });

  it('sends the gradient to the clean weights and the input for fixed noise (float64)', () => {
    const rng = createRng(36);
    const inner = testLinear(3, 4, rng, 'float64');
    const layer = weightNoise(inner, 0.3, { select: true });
    const c = randn([5, 4], { rng, dtype: 'float64' });
    const x = randn([5, 3], { rng, dtype: 'float64' });
    expectGradClose((p) => {
      Object.assign(inner.params, { w: p.w, b: p.b }); // as applyUpdates would
      return sum(mul(layer.forward(p.x, { training: true, rng: createRng(7) }), c));
    }, { w: inner.params.w, b: inner.params.b, x });
  });

  it('describes its child, and refuses a bad stddev, a non-layer and training without a generator', () => {
    const inner = testLinear(2, 2, createRng(37));
    expect(weightNoise(inner, 0.1).config).toEqual({ stddev: 0.1, layer: { kind: 'testLinear', config: { inFeatures: 2, outFeatures: 2 } } });
    expect(() => weightNoise(inner, Number.NaN)).toThrow('weightNoise: stddev must be a finite number ≥ 0, got NaN');
    expect(() => weightNoise(inner, -0.1)).toThrow(ValueError);
    expect(() => weightNoise({} as never, 0.1)).toThrow(NnError);
    expect(() => weightNoise({ ...inner, params: inner.params.w }, 0.1)).toThrow(/params is a bare tensor/);
    expect(() => weightNoise(inner, 0.1).forward(tensor([[1, 1]]), { training: true })).toThrow(/training needs a generator/);
  });
});
