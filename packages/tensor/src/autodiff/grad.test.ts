import { describe, expect, it } from 'vitest';
import { DTypeError, NnError, ShapeError } from '../errors';
import { globalState } from '../global-state';
import { add, div, mul, pow, sub } from '../ops/binary';
import { cast } from '../ops/cast';
import { concat } from '../ops/concat';
import { tensor } from '../ops/creation';
import { gather } from '../ops/gather';
import { logSumExp } from '../ops/log-sum-exp';
import { matmul } from '../ops/matmul';
import { mean } from '../ops/mean';
import { max, sum } from '../ops/reduce';
import { slice } from '../ops/slice';
import { softmax } from '../ops/softmax';
import { exp, log, sigmoid, softplus, sqrt, square, tanh } from '../ops/unary';
import type { Params } from '../spec/params';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { grad, valueAndGrad } from './grad';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

const f64 = (values: number[], shape: number[]) => tensor(values, shape, 'float64');

describe('valueAndGrad', () => {
  it('returns the value and the gradient of x³', () => {
    // Σx³ = 1 − 8 + 27 = 20; ∂/∂x = 3x² = [3, 12, 27]
    const { value, grads } = valueAndGrad((p) => sum(mul(mul(p.x, p.x), p.x)), { x: tensor([1, -2, 3]) });
    expect(value).toBeAllClose(20);
    expect(grads.x).toBeAllClose([3, 12, 27]);
  });

  it('accumulates the gradient of a tensor used twice', () => {
    // f = Σ(x·y + x): ∂f/∂x = y + 1, ∂f/∂y = x
    const g = grad((p) => sum(add(mul(p.x, p.y), p.x)), { x: tensor([1, 2]), y: tensor([3, 4]) });
    expect(g.x).toBeAllClose([4, 5]);
    expect(g.y).toBeAllClose([1, 2]);
  });

  it('accumulates across broadcast uses of one tensor', () => {
    // f = Σᵢⱼ bⱼ·(aᵢ + bⱼ) over a [2,1] and b [3]: ∂f/∂b_j = Σᵢ (aᵢ + 2bⱼ)
    const g = grad((p) => sum(mul(p.b, add(p.a, p.b))), { a: tensor([[1], [2]]), b: tensor([1, 2, 3]) });
    expect(g.a).toBeAllClose([[6], [6]]);
    expect(g.b).toBeAllClose([7, 11, 15]);
  });

  it('gives zeros of the right shape and dtype to unused params', () => {
    const g = grad((p) => sum(p.used), { used: tensor([1, 2]), unused: tensor([[1, 2, 3]], undefined, 'float64') });
    expect(g.unused.shape).toEqual([1, 3]);
    expect(g.unused.dtype).toBe('float64');
    expect(g.unused).toBeAllClose([[0, 0, 0]]);
  });

  it('returns a tree of the params’ structure for nested objects in arrays', () => {
    const params = {
      layers: [
        { w: f64([0.3, -0.2, 0.8, 0.1], [2, 2]), b: f64([0.1, -0.4], [2]) },
        { w: f64([1.1, -0.7], [2, 1]), b: f64([0.05], [1]) },
      ],
      scale: f64([1.5], []),
    };
    const x = f64([0.5, -1, 2, 0.25, -0.3, 0.9], [3, 2]);
    const f = (p: typeof params) => {
      const h = tanh(add(matmul(x, p.layers[0].w), p.layers[0].b));
      return mul(sum(add(matmul(h, p.layers[1].w), p.layers[1].b)), p.scale);
    };
    const g = grad(f, params);
    expect(g.layers).toHaveLength(2);
    expect(g.layers[1].w.shape).toEqual([2, 1]);
    expect(g.scale.shape).toEqual([]);
    expectGradClose(f, params);
  });

  it('differentiates a two-layer tanh network with a squared-error loss', () => {
    const x = f64([0.5, -1.2, 0.3, 2, 0.7, -0.4, -1.5, 0.1], [4, 2]);
    const target = f64([1, -1, 0.5, 0], [4, 1]);
    const params = {
      w1: f64([0.2, -0.5, 0.9, 0.4, -0.3, 0.7], [2, 3]),
      b1: f64([0.1, 0, -0.2], [3]),
      w2: f64([0.6, -1.1, 0.3], [3, 1]),
      b2: f64([0.05], [1]),
    };
    expectGradClose((p) => {
      const h = tanh(add(matmul(x, p.w1), p.b1));
      const y = add(matmul(h, p.w2), p.b2);
      return mean(square(sub(y, target)));
    }, params);
  });

  it('lets f read the params through a closure', () => {
    const params = { x: tensor([2, 3]) };
    expect(grad(() => sum(square(params.x)), params).x).toBeAllClose([4, 6]);
  });

  it('gives 1 when f returns a param itself', () => {
    expect(grad((p) => p.x, { x: tensor(5) }).x).toBeAllClose(1);
  });

  it('takes a bare tensor as the params', () => {
    expect(grad((x) => sum(square(x)), tensor([1, -2]))).toBeAllClose([2, -4]);
  });

  it('accepts a one-element value of any rank', () => {
    expect(grad((p) => matmul(p.x, p.x, { transposeB: true }), { x: tensor([[1, 2]]) }).x).toBeAllClose([[2, 4]]);
  });

  it('refuses a non-scalar value', () => {
    expect(() => valueAndGrad((p) => square(p.x), { x: tensor([1, 2]) })).toThrow(
      new ShapeError('valueAndGrad', 'f must return a scalar (one element), got shape [2]'),
    );
  });

  it('refuses a non-tensor or integer value', () => {
    expect(() => valueAndGrad(() => 3 as never, { x: tensor([1]) })).toThrow(new NnError('valueAndGrad', 'f must return a Tensor, got number'));
    expect(() => valueAndGrad((p) => cast(sum(p.x), 'int32'), { x: tensor([1]) })).toThrow(
      new DTypeError('valueAndGrad', 'expected a float32 or float64 value of f, got int32'),
    );
  });

  it('refuses a params tree with a non-tensor leaf', () => {
    expect(() => valueAndGrad(() => tensor(1), { x: 3 } as unknown as Params)).toThrow(
      new NnError('treeLeaves', 'expected tensors, arrays or objects in a Params tree, got a number at .x'),
    );
  });

  it('leaves no tape behind when f throws', () => {
    const before = globalState().tapes.length;
    expect(() => valueAndGrad(() => { throw new Error('boom'); }, { x: tensor([1]) })).toThrow('boom');
    expect(globalState().tapes.length).toBe(before);
  });

  it('computes an inner gradient inside an outer valueAndGrad', () => {
    // inner: ∂/∂z Σz² = 2z = [2, 4]; outer: ∂/∂x Σ x·[2, 4] = [2, 4]
    const { value, grads } = valueAndGrad((p) => {
      const inner = grad((q) => sum(square(q.z)), { z: tensor([1, 2]) });
      return sum(mul(p.x, inner.z));
    }, { x: tensor([10, 20]) });
    expect(value).toBeAllClose(100);
    expect(grads.x).toBeAllClose([2, 4]);
  });

  it('differentiates an inner gradient taken with respect to the outer params (x³ → 6x)', () => {
    // ∂/∂x Σ ∂(Σx³)/∂x = ∂/∂x Σ 3x² = 6x
    const x = tensor([1, -2, 0.5]);
    const viaMul = grad((p) => sum(grad((q) => sum(mul(mul(q.x, q.x), q.x)), p).x), { x });
    expect(viaMul.x).toBeAllClose([6, -12, 3]);
    const viaPow = grad((p) => sum(grad((q) => sum(pow(q.x, 3)), p).x), { x });
    expect(viaPow.x).toBeAllClose([6, -12, 3]);
  });

  describe('second derivatives (the gradient of a weighted gradient matches finite differences)', () => {
    const x = () => ({ x: f64([0.4, 1.3, 0.7, 2.1, 0.9, 1.6], [2, 3]) });
    const m = f64([0.5, -0.3, 1.2, 0.8, -1.1, 0.2], [3, 2]);
    const cases: [string, (x: Tensor) => Tensor][] = [
      ['tanh', (t) => weighted(tanh(t))],
      ['exp and log', (t) => weighted(mul(exp(t), log(t)))],
      ['sqrt and div', (t) => weighted(div(sqrt(t), add(t, 1)))],
      ['sigmoid and softplus', (t) => weighted(mul(sigmoid(t), softplus(t)))],
      ['pow with a tensor exponent', (t) => weighted(pow(t, sub(t, 0.5)))],
      ['matmul', (t) => weighted(square(matmul(t, m)))],
      ['transposed matmul', (t) => weighted(square(matmul(m, t, { transposeA: true, transposeB: true })))],
      ['max', (t) => weighted(square(max(t, 1)))],
      ['logSumExp and softmax', (t) => add(weighted(square(logSumExp(t, 0))), weighted(softmax(t)))],
      ['gather, slice and concat', (t) => weighted(square(concat([gather(t, [2, 0, 2], 1), slice(t, [0, 1])], 1)))],
      ['mean and broadcasting', (t) => weighted(mul(sub(t, mean(t, 0, true)), sub(t, mean(t, 1, true))))],
    ];
    it.each(cases)('for %s', (_, f) => {
      expectGradClose((p) => weighted(grad((q) => f(q.x), p).x), x());
    });
  });
});

describe('grad', () => {
  it('returns just the gradients', () => {
    const g = grad((p) => sum(mul(p.a, 3)), { a: tensor([1, 2]) });
    expect(Object.keys(g)).toEqual(['a']);
    expect(g.a).toBeAllClose([3, 3]);
  });
});
