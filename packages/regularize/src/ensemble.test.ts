import { describe, expect, it } from 'vitest';
import {
  type Json, type Layer, type Tensor, ShapeError, ValueError, add, createRng, exp, log, matmul, mul, randn, softmax, sum, tanh, tensor, zeros,
} from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { ensemble, ensembleBuilder } from './ensemble';
import { ensembleSpread } from './ensemble-spread';

/** y = x·W + b, as a plain layer (the tests may not depend on @nn/layers). */
function linear(w: Tensor, b: Tensor): Layer<{ w: Tensor; b: Tensor }> {
  const params = { w, b };
  return { kind: 'linear', config: { in: w.shape[0], out: w.shape[1] }, params, forward: (x) => add(matmul(x, params.w), params.b) };
}

/** y = tanh(x·W₁)·W₂: another architecture with the same output width. */
function twoLayer(w1: Tensor, w2: Tensor): Layer<{ w1: Tensor; w2: Tensor }> {
  const params = { w1, w2 };
  return { kind: 'two-layer', config: { hidden: w1.shape[1] }, params, forward: (x) => matmul(tanh(matmul(x, params.w1)), params.w2) };
}

/** A member whose logits are log p whatever the input (zero weights): it predicts p. */
const predicting = (p: number[]) => linear(zeros([2, p.length]), log(tensor(p)));

describe('ensemble', () => {
  // The course's slide: model A predicts (.3, .2, .5), model B (.1, .8, .1) for three classes.
  const a = predicting([0.3, 0.2, 0.5]);
  const b = predicting([0.1, 0.8, 0.1]);
  const x = zeros([1, 2]);

  it("averages the members' probabilities (the course's models A and B)", () => {
    // ((.3 + .1)/2, (.2 + .8)/2, (.5 + .1)/2) = (.2, .5, .3)
    expect(exp(ensemble([a, b]).forward(x))).toBeAllClose([[0.2, 0.5, 0.3]], { rtol: 1e-6 });
  });

  it('combines them by the renormalized geometric mean', () => {
    // √(.3·.1) = .173205, √(.2·.8) = .4, √(.5·.1) = .223607; sum .796812 →
    // (.217372, .501999, .280629): sharper than either member on the class they agree least about.
    const out = exp(ensemble([a, b], { combine: 'geometric' }).forward(x));
    expect(out).toBeAllClose([[0.173205 / 0.796812, 0.4 / 0.796812, 0.223607 / 0.796812]], { rtol: 1e-5 });
  });

  it('outputs log-probabilities: softmax of the output gives the probabilities back', () => {
    const out = ensemble([a, b]).forward(x);
    expect(softmax(out)).toBeAllClose(exp(out), { rtol: 1e-6 });
  });

  it("averages raw outputs with combine 'mean' (regression)", () => {
    const m = ensemble([linear(tensor([[1], [2]]), tensor([0])), linear(tensor([[3], [0]]), tensor([1]))], { combine: 'mean' });
    // x = (1, 1): member outputs 3 and 4 → 3.5
    expect(m.forward(tensor([[1, 1]]))).toBeAllClose([[3.5]]);
  });

  it('combines members of different architectures', () => {
    const rng = createRng(1);
    const l = linear(randn([3, 4], { rng }), randn([4], { rng }));
    const t = twoLayer(randn([3, 5], { rng }), randn([5, 4], { rng }));
    const input = randn([6, 3], { rng });
    const expected = mul(add(softmax(l.forward(input)), softmax(t.forward(input))), 0.5);
    expect(exp(ensemble([l, t]).forward(input))).toBeAllClose(expected, { rtol: 1e-5, atol: 1e-7 });
  });

  it("is a layer: kind, config with the members' descriptions, params the members' own params objects", () => {
    const e = ensemble([a, b], { combine: 'geometric' });
    expect(e.kind).toBe('ensemble');
    expect(e.config).toEqual({ combine: 'geometric', members: [{ kind: 'linear', config: { in: 2, out: 3 } }, { kind: 'linear', config: { in: 2, out: 3 } }] });
    expect(e.params[0]).toBe(a.params);
    expect(e.params[1]).toBe(b.params);
    expect(e.members).toEqual([a, b]);
  });

  it("has the analytic gradient in every member's weights (float64)", () => {
    const rng = createRng(2);
    const f64 = { rng, dtype: 'float64' } as const;
    const l = linear(randn([3, 4], f64), randn([4], f64));
    const t = twoLayer(randn([3, 5], f64), randn([5, 4], f64));
    const input = randn([2, 3], f64);
    const c = randn([2, 4], f64);
    for (const combine of ['arithmetic', 'geometric', 'mean'] as const) {
      const e = ensemble([l, t], { combine });
      expectGradClose(([pl, pt]) => {
        Object.assign(l.params, pl); // as applyUpdates would
        Object.assign(t.params, pt);
        return sum(mul(e.forward(input), c));
      }, [{ ...l.params }, { ...t.params }]);
    }
  });

  it("refuses members whose outputs differ in shape, naming both", () => {
    const e = ensemble([predicting([0.5, 0.5]), a]);
    expect(() => e.forward(x)).toThrow(ShapeError);
    expect(() => e.forward(x)).toThrow("ensemble: members' outputs differ in shape: member 0 (linear) gives [1,2], member 1 (linear) gives [1,3]");
  });

  it('refuses no members, a non-layer and an unknown combine', () => {
    expect(() => ensemble([])).toThrow('ensemble: expected a non-empty array of member layers, got an empty array');
    expect(() => ensemble([a, {} as Layer])).toThrow('ensemble: member 1 is not a layer');
    expect(() => ensemble([a], { combine: 'median' as 'mean' })).toThrow(ValueError);
    expect(() => ensemble([a], { combine: 'median' as 'mean' })).toThrow("combine must be 'arithmetic', 'geometric' or 'mean', got \"median\"");
  });
});

describe('ensembleBuilder', () => {
  it('rebuilds the members from their descriptions and keeps the combine rule', () => {
    const built: string[] = [];
    const build = (d: { readonly kind: string; readonly config: { readonly [key: string]: Json } }) => {
      built.push(d.kind);
      return d.kind === 'linear' ? predicting([0.5, 0.5]) : twoLayer(zeros([2, 3]), zeros([3, 2]));
    };
    const e = ensembleBuilder(ensemble([predicting([0.5, 0.5]), twoLayer(zeros([2, 3]), zeros([3, 2]))], { combine: 'geometric' }).config, undefined, { build });
    expect(built).toEqual(['linear', 'two-layer']);
    expect(e.kind).toBe('ensemble');
    expect(e.config.combine).toBe('geometric');
    expect(() => ensembleBuilder({ members: [], weights: 1 }, undefined, { build })).toThrow("ensemble: unknown option 'weights'");
    expect(() => ensembleBuilder({ members: 3 }, undefined, { build })).toThrow('expected config.members to be a list of descriptions, got 3');
  });
});

describe('ensembleSpread', () => {
  it("gives the members' mean probabilities and their standard deviation", () => {
    const { mean, std } = ensembleSpread(ensemble([predicting([0.3, 0.2, 0.5]), predicting([0.1, 0.8, 0.1])]), zeros([1, 2]));
    expect(mean).toBeAllClose([[0.2, 0.5, 0.3]], { rtol: 1e-6 });
    // half the difference of two values: |.3 − .1|/2, |.2 − .8|/2, |.5 − .1|/2
    expect(std).toBeAllClose([[0.1, 0.3, 0.2]], { rtol: 1e-5 });
  });

  it("spreads raw outputs with combine 'mean'", () => {
    const e = ensemble([linear(tensor([[1]]), tensor([0])), linear(tensor([[3]]), tensor([0])), linear(tensor([[5]]), tensor([0]))], { combine: 'mean' });
    const { mean, std } = ensembleSpread(e, tensor([[1], [2]]));
    // outputs 1, 3, 5 (and 2, 6, 10): mean 3 (6), population std √(8/3) (2√(8/3))
    expect(mean).toBeAllClose([[3], [6]]);
    expect(std).toBeAllClose([[Math.sqrt(8 / 3)], [2 * Math.sqrt(8 / 3)]], { rtol: 1e-5 });
  });
});
