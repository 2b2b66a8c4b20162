import { NnError, ValueError, addNormScaledNormal, createRng, drawStreamKey, eye, grad, mul, randn, sub, sum, tensor, zeros } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { testLinear, values } from './test-helpers';
import { regularizeLayerBuilders } from './regularize-layer-builders';
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
    expect(weightNoise(inner, 0.1).config).toEqual({ stddev: 0.1, layer: { kind: 'testLinear', config: { inFeatures: 2, outFeatures: 2 } }, resample: 'pass' });
    expect(() => weightNoise(inner, Number.NaN)).toThrow('weightNoise: stddev must be a finite number ≥ 0, got NaN');
    expect(() => weightNoise(inner, -0.1)).toThrow(ValueError);
    expect(() => weightNoise({} as never, 0.1)).toThrow(NnError);
    expect(() => weightNoise({ ...inner, params: inner.params.w }, 0.1)).toThrow(/params is a bare tensor/);
    expect(() => weightNoise(inner, 0.1).forward(tensor([[1, 1]]), { training: true })).toThrow(/training needs a generator/);
  });
});

describe("weightNoise with resample: 'example' (the local reparameterization)", () => {
  /** testLinear under the dense kind: y = x·W + b, what the local reparameterization assumes. */
  const denseLike = (inFeatures: number, outFeatures: number, seed: number, dtype: 'float32' | 'float64' = 'float32') => ({ ...testLinear(inFeatures, outFeatures, createRng(seed), dtype), kind: 'dense' });

  it('gives every example noise of variance σ²·‖x‖² (σ²·(‖x‖² + 1) with noisy biases), fixed seed', () => {
    const inner = denseLike(3, 400, 41);
    const x = tensor([[1, 0, 0], [0, 3, 4], [1, 1, 1]]); // ‖x‖² = 1, 25, 3
    const clean = values(inner.forward(x));
    for (const [select, extra, normCounts] of [[undefined, 0, true], [{ w: true, b: true }, 1, true], [{ w: false, b: true }, 1, false]] as const) {
      const layer = weightNoise(inner, 0.1, { resample: 'example', ...(select === undefined ? {} : { select }) });
      const rng = createRng(42);
      const draws: number[][] = [[], [], []];
      for (let pass = 0; pass < 50; pass++) {
        values(layer.forward(x, { training: true, rng })).forEach((v, i) => draws[Math.floor(i / 400)].push(v - clean[i]));
      }
      [1, 25, 3].forEach((squaredNorm, row) => {
        const n = draws[row].length; // 20,000 draws
        const variance = draws[row].reduce((s, v) => s + v * v, 0) / n;
        const expected = 0.01 * ((normCounts ? squaredNorm : 0) + extra);
        expect(Math.abs(variance - expected)).toBeLessThan(5 * expected * Math.sqrt(2 / n));
      });
    }
  });

  it('is one fused pass in float32: addNormScaledNormal of the clean output, with the key drawn from ctx.rng', () => {
    const inner = denseLike(6, 5, 47);
    const x = randn([4, 6], { rng: createRng(48) });
    for (const [select, extra] of [[undefined, 0], [{ w: true, b: true }, 1]] as const) {
      const layer = weightNoise(inner, 0.2, { resample: 'example', ...(select === undefined ? {} : { select }) });
      const got = values(layer.forward(x, { training: true, rng: createRng(9) }));
      expect(got).toEqual(values(addNormScaledNormal(inner.forward(x), x, drawStreamKey(createRng(9)), 0.2, extra)));
    }
  });

  it('draws independent noise for identical examples (the default on a dense layer), where one draw per pass gives them the same', () => {
    const inner = denseLike(5, 8, 43);
    const x = tensor([[1, 2, 3, 4, 5], [1, 2, 3, 4, 5]]);
    for (const perExample of [weightNoise(inner, 0.5, { resample: 'example' }), weightNoise(inner, 0.5)]) {
      const y = values(perExample.forward(x, { training: true, rng: createRng(1) }));
      expect(y.slice(0, 8)).not.toEqual(y.slice(8));
    }
    const perPass = values(weightNoise(inner, 0.5, { resample: 'pass' }).forward(x, { training: true, rng: createRng(1) }));
    expect(perPass.slice(0, 8)).toEqual(perPass.slice(8));
  });

  it('has the gradient of its formula in x and in the weights (float64 check at a fixed draw), finite where a row of x is 0', () => {
    const inner = denseLike(4, 3, 44, 'float64');
    const layer = weightNoise(inner, 0.3, { resample: 'example', select: { w: true, b: true } });
    const c = randn([2, 3], { rng: createRng(45), dtype: 'float64' });
    const x = randn([2, 4], { rng: createRng(46), dtype: 'float64' });
    const loss = (p: { x: typeof x; w: typeof x }) => {
      const saved = inner.params.w;
      inner.params.w = p.w;
      try {
        return sum(mul(layer.forward(p.x, { training: true, rng: createRng(7) }), c));
      } finally {
        inner.params.w = saved;
      }
    };
    expectGradClose(loss, { x, w: inner.params.w });
    const zeroRow = tensor([[0, 0, 0, 0], [1, 2, 3, 4]], [2, 4], 'float64');
    const grads = grad(({ x: p }: { x: typeof x }) => sum(mul(weightNoise(inner, 0.3, { resample: 'example' }).forward(p, { training: true, rng: createRng(7) }), c)), { x: zeroRow });
    expect(values(grads.x).every(Number.isFinite)).toBe(true);
  });

  it('refuses layers other than dense and unknown resample values; saves and rebuilds with its setting', () => {
    expect(() => weightNoise(testLinear(2, 2, createRng(1)), 0.1, { resample: 'example' })).toThrow(
      new ValueError('weightNoise', "resample: 'example' draws through a dense layer's local reparameterization; got a testLinear layer (use resample: 'pass')"),
    );
    expect(() => weightNoise(denseLike(2, 2, 1), 0.1, { resample: 'batch' as never })).toThrow(new ValueError('weightNoise', "resample must be 'pass' or 'example', got batch"));
    const layer = weightNoise(denseLike(2, 2, 1), 0.1, { resample: 'example' });
    expect(layer.config).toMatchObject({ stddev: 0.1, resample: 'example' });
    expect(weightNoise(denseLike(2, 2, 1), 0.1).config).toMatchObject({ resample: 'example' });
    expect(weightNoise(denseLike(2, 2, 1), 0.1, { resample: 'pass' }).config).toMatchObject({ resample: 'pass' });
    for (const resample of ['example', 'pass'] as const) {
      const saved = weightNoise(denseLike(2, 2, 1), 0.1, { resample }).config;
      expect(regularizeLayerBuilders.weightNoise(saved as never, undefined, { build: () => denseLike(2, 2, 1) }).config).toEqual(saved);
    }
    // a description saved before per-example noise became a dense layer's default keeps its one draw per pass
    const { resample: _, ...older } = layer.config as { resample: string };
    expect(regularizeLayerBuilders.weightNoise(older as never, undefined, { build: () => denseLike(2, 2, 1) }).config).toMatchObject({ resample: 'pass' });
  });
});
