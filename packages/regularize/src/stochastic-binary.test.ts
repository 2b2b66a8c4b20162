import { NnError, concat, createRng, full, mul, randn, sigmoid, sum, tensor, valueAndGrad } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { stochasticBinary } from './stochastic-binary';
import { values } from './test-helpers';

describe('stochasticBinary', () => {
  it('fires with the logistic probability σ(a) while training, and outputs only 0 or 1 (fixed seed)', () => {
    const n = 30_000;
    const logits = [-2, 0, 1.5];
    const a = concat(logits.map((v) => full([n], v)));
    const s = values(stochasticBinary().forward(a, { training: true, rng: createRng(41) }));
    expect(new Set(s)).toEqual(new Set([0, 1]));
    logits.forEach((v, i) => {
      const p = 1 / (1 + Math.exp(-v)); // 0.1192, 0.5, 0.8176
      const rate = s.slice(i * n, (i + 1) * n).reduce((t, x) => t + x, 0) / n;
      expect(Math.abs(rate - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    });
  });

  it('outputs the probability σ(a) at test time', () => {
    expect(stochasticBinary().forward(tensor([0, Math.log(3)]))).toBeAllClose([0.5, 0.75]);
  });

  it('passes the logistic derivative σ(a)(1 − σ(a)) straight through the sample (float64)', () => {
    const rng = createRng(42);
    const a = randn([4, 3], { rng, dtype: 'float64', std: 2 });
    const c = randn([4, 3], { rng, dtype: 'float64' });
    const layer = stochasticBinary();
    // The deterministic test-time unit σ(a) has the analytic gradient …
    expectGradClose((p) => sum(mul(layer.forward(p.a), c)), { a });
    // … and the training-time unit sends back exactly that gradient, c·σ'(a), whatever it sampled.
    const trained = valueAndGrad((p) => sum(mul(layer.forward(p.a, { training: true, rng: createRng(8) }), c)), { a }).grads.a;
    const sig = values(sigmoid(a));
    expect(trained).toBeAllClose(tensor(values(c).map((ci, i) => ci * sig[i] * (1 - sig[i])), [4, 3], 'float64'), { rtol: 1e-12 });
  });

  it('refuses training without a generator', () => {
    expect(() => stochasticBinary().forward(tensor([0]), { training: true })).toThrow(NnError);
    expect(stochasticBinary()).toMatchObject({ kind: 'stochasticBinary', config: {}, params: {} });
  });
});
