import { NnError, type Tensor, ValueError, add, concat, createRng, full, mapTree, matmul, mean, mul, randn, sqrt, square, sub, sum, tensor, valueAndGrad, zeros } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { maxNorm } from './max-norm';
import { applyInPlace, testLinear, values } from './test-helpers';

const columnNorms = (w: Tensor) => values(sqrt(sum(square(w), 0)));

describe('maxNorm', () => {
  it('scales back each unit incoming vector longer than c, and leaves shorter ones and biases alone', () => {
    // Dense W is [in, out]: column 0 = (3, 4) has norm 5, column 1 = (0.3, 0.4) has 0.5. c = 2 → (1.2, 1.6).
    const params = { w: tensor([[3, 0.3], [4, 0.4]]), b: tensor([100, -100]) };
    const t = maxNorm(2);
    const [u, s] = t.update({ w: zeros([2, 2]), b: zeros([2]) }, t.init(params), params);
    expect(u.w).toBeAllClose([[-1.8, 0], [-2.4, 0]]); // P(θ + u) − θ
    expect(u.b).toBeAllClose([0, 0]);
    expect(s).toEqual({});
  });

  it('projects where the step would have gone: θ + u′ = P(θ + u)', () => {
    const params = { w: tensor([[1], [0]]) };
    const t = maxNorm(1);
    const [u] = t.update({ w: tensor([[2], [4]]) }, t.init(params), params); // θ + u = (3, 4), norm 5 → (0.6, 0.8)
    expect(add(params.w, u.w)).toBeAllClose([[0.6], [0.8]]);
  });

  it('treats a rank ≥ 3 leaf as [out, in, …] (one filter per unit), and takes other axes', () => {
    const w = concat([full([1, 1, 2, 2], 1), full([1, 1, 2, 2], 0.25)], 0); // filter norms 2 and 0.5
    const t = maxNorm(1);
    const [u] = t.update({ w: zeros([2, 1, 2, 2]) }, t.init({ w }), { w });
    expect(add(w, u.w)).toBeAllClose(concat([full([1, 1, 2, 2], 0.5), full([1, 1, 2, 2], 0.25)], 0));
    // axis 1 of a dense W: rows, one per input, here (3, 4) → (0.6, 0.8).
    const rows = { w: tensor([[3, 4], [0.1, 0]]) };
    const [v] = maxNorm(1, { axis: 1 }).update({ w: zeros([2, 2]) }, {}, rows);
    expect(add(rows.w, v.w)).toBeAllClose([[0.6, 0.8], [0.1, 0]]);
  });

  it('keeps every incoming vector within c after every update of a training run', () => {
    const rng = createRng(11);
    const layer = testLinear(8, 5, rng);
    const x = randn([32, 8], { rng });
    const y = matmul(x, randn([8, 5], { rng, std: 3 })); // a target whose columns have norms ≈ 8.5
    const c = 1;
    const t = maxNorm(c);
    let state = t.init(layer.params);
    let wouldExceed = 0;
    for (let step = 0; step < 25; step++) {
      const { grads } = valueAndGrad(() => mean(square(sub(layer.forward(x), y))), layer.params);
      const sgdStep = mapTree((g) => mul(g, -0.2), grads);
      if (columnNorms(add(layer.params.w, sgdStep.w)).some((n) => n > c)) wouldExceed++;
      let u;
      [u, state] = t.update(sgdStep, state, layer.params);
      applyInPlace(layer.params, u);
      for (const n of columnNorms(layer.params.w)) expect(n).toBeLessThanOrEqual(c + 1e-6);
    }
    expect(wouldExceed).toBeGreaterThan(20); // the constraint was active, not idle
  });

  it('refuses c ≤ 0, a bad axis, and an update without params', () => {
    expect(() => maxNorm(0)).toThrow('maxNorm: the maximum norm c must be a finite number > 0, got 0');
    expect(() => maxNorm(-1)).toThrow(ValueError);
    expect(() => maxNorm(Number.NaN)).toThrow(ValueError);
    expect(() => maxNorm(1, { axis: 2 }).update({ w: zeros([2, 2]) }, {}, { w: zeros([2, 2]) })).toThrow(/axis 2 is out of range/);
    expect(() => maxNorm(1, { axis: 0.5 })).toThrow('maxNorm: axis must be an integer or a non-empty list of integers, got 0.5');
    expect(() => maxNorm(1).update({ w: zeros([2, 2]) }, {})).toThrow(NnError);
  });
});
