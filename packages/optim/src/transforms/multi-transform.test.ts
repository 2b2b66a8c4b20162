import { type Params, type Tensor, ValueError, isTensor, ones, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { adam } from '../alias/adam';
import { sgd } from '../alias/sgd';
import { chain } from '../chain';
import { describeOptimizerContract, lossAndGradAt, quadratic, rosenbrock, trajectory } from '../testing';
import { addDecayedWeights } from './add-decayed-weights';
import { type LabelTree, multiTransform } from './multi-transform';
import { scaleByLearningRate } from './scale-by-learning-rate';

/** A label tree shaped like `params`, with `label(tensor, key)` at every tensor. */
function labelEach(params: Params, label: (t: Tensor, key: string) => string, key = ''): LabelTree {
  if (isTensor(params)) return label(params, key);
  if (Array.isArray(params)) return params.map((p) => labelEach(p, label, key));
  return Object.fromEntries(Object.entries(params).map(([k, p]) => [k, labelEach(p as Params, label, k)]));
}

const net = () => ({
  hidden: { w: tensor([[1, 2], [3, 4], [5, 6], [7, 8]]), b: tensor([1, -1]) },
  output: { w: tensor([[0.5], [-0.5]]), b: tensor([2]) },
});
const onesLikeNet = () => ({
  hidden: { w: ones([4, 2]), b: ones([2]) },
  output: { w: ones([2, 1]), b: ones([1]) },
});

describe('multiTransform', () => {
  it('gives each layer its own learning rate (one label for a whole subtree)', () => {
    const opt = multiTransform({ fast: sgd(1), slow: sgd(0.1) }, { hidden: 'slow', output: 'fast' });
    const params = net();
    const [u] = opt.update(onesLikeNet(), opt.init(params), params);
    expect(u.hidden.w).toBeAllClose(new Array(4).fill([-0.1, -0.1]));
    expect(u.hidden.b).toBeAllClose([-0.1, -0.1]);
    expect(u.output.w).toBeAllClose([[-1], [-1]]);
    expect(u.output.b).toBeAllClose([-1]);
  });

  it('keeps weight decay off the biases, by a label function of the names', () => {
    // η = 0.1, λ = 0.5, g = 1: a weight w moves by −0.1·(1 + 0.5·w), a bias by −0.1
    const opt = multiTransform(
      { decay: chain(addDecayedWeights(0.5), scaleByLearningRate(0.1)), noDecay: sgd(0.1) },
      (params) => labelEach(params, (_, key) => (key === 'b' ? 'noDecay' : 'decay')),
    );
    const params = net();
    const [u, state] = opt.update(onesLikeNet(), opt.init(params), params);
    expect(u.hidden.w).toBeAllClose([[-0.15, -0.2], [-0.25, -0.3], [-0.35, -0.4], [-0.45, -0.5]]);
    expect(u.output.w).toBeAllClose([[-0.125], [-0.075]]);
    expect(u.hidden.b).toBeAllClose([-0.1, -0.1]);
    expect(u.output.b).toBeAllClose([-0.1]);
    expect(Object.keys(state.inner)).toEqual(['decay', 'noDecay']);
  });

  it('scales each unit’s rate by 1/√fan-in (LeCun et al.), labels from the shapes', () => {
    // η = 0.4: the hidden units have fan-in 4 (rate 0.4/2 = 0.2), the output unit fan-in 2 (0.4/√2 = 0.2828)
    const params = net();
    const fanIns = [4, 2];
    const byFanIn = (tree: Params): LabelTree => {
      const layers = tree as unknown as Record<string, { w: Tensor; b: Tensor }>;
      return Object.fromEntries(Object.entries(layers).map(([k, l]) => [k, `fan-in ${l.w.shape[0]}`]));
    };
    const opt = multiTransform(Object.fromEntries(fanIns.map((n) => [`fan-in ${n}`, sgd(0.4 / Math.sqrt(n))])), byFanIn);
    const [u] = opt.update(onesLikeNet(), opt.init(params), params);
    expect(u.hidden.w).toBeAllClose(new Array(4).fill([-0.2, -0.2]));
    expect(u.hidden.b).toBeAllClose([-0.2, -0.2]);
    expect(u.output.w).toBeAllClose([[-0.4 / Math.SQRT2], [-0.4 / Math.SQRT2]]);
    expect(u.output.b).toBeAllClose([-0.4 / Math.SQRT2]);
    expect(byFanIn(params)).toEqual({ hidden: 'fan-in 4', output: 'fan-in 2' });
  });

  it('runs each transform on its own parameters step for step (sgd on x, adam on y, rosenbrock)', () => {
    let w = [-1.2, 1];
    let [m, v] = [0, 0];
    const ref = [[...w]];
    for (let t = 1; t <= 25; t++) {
      const { grads } = lossAndGradAt(rosenbrock, w);
      m = 0.9 * m + 0.1 * grads[1];
      v = 0.999 * v + 0.001 * grads[1] ** 2;
      w = [w[0] - 1e-3 * grads[0], w[1] - (0.05 * (m / (1 - 0.9 ** t))) / (Math.sqrt(v / (1 - 0.999 ** t)) + 1e-8)];
      ref.push([...w]);
    }
    const opt = multiTransform({ plain: sgd(1e-3), adaptive: adam(0.05) }, { x: 'plain', y: 'adaptive' });
    expect(trajectory(opt, rosenbrock, 25)).toBeAllClose(ref, { rtol: 1e-10 });
  });

  it('refuses an unknown label, labels shaped unlike the params, and a state from elsewhere', () => {
    const params = net();
    expect(() => multiTransform({ a: sgd(0.1) }, { hidden: 'a', output: 'b' }).init(params)).toThrow(
      /multiTransform: the tensor at output.w has the label "b", which has no transform \(labels: "a"\)/,
    );
    expect(() => multiTransform({ a: sgd(0.1) }, { hidden: 'a' }).init(params)).toThrow(/the labels differ from the params at output: expected a label/);
    expect(() => multiTransform({ a: sgd(0.1) }, { hidden: { w: 'a', b: 3 as unknown as string }, output: 'a' }).init(params)).toThrow(ValueError);
    expect(() => multiTransform({}, 'a')).toThrow(/needs at least one transform/);
    const opt = multiTransform({ a: sgd(0.1), b: sgd(0.2) }, { hidden: 'a', output: 'b' });
    expect(() => opt.update(onesLikeNet(), { inner: { a: [{}, { count: 0 }] } } as never, params)).toThrow(/multiTransform: expected the state its init makes, with keys \{a, b\}, got keys \{a\}/);
  });
});

describeOptimizerContract('multiTransform', () => multiTransform({ a: adam(0.1), b: sgd(0.1) }, (p) => labelEach(p, (t) => (t.rank === 1 ? 'a' : 'b'))), {
  solves: [quadratic],
});
