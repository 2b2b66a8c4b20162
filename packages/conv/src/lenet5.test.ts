import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, ValueError, add, createRng, logSoftmax, matmul, mean, mul, neg, oneHot, randint, randn, relu, reshape, sum, tanh, treeLeaves, valueAndGrad, zeros, type Tensor } from '@nn/tensor';
import { conv2d } from './conv2d';
import { LENET5_PARAMETER_COUNT, lenet5 } from './lenet5';
import { maxPool2d } from './max-pool2d';

/** Mean softmax cross-entropy of logits [N, 10] against integer labels. */
const crossEntropy = (logits: Tensor, labels: Tensor) => neg(mean(sum(mul(logSoftmax(logits, -1), oneHot(labels, 10, logits.dtype)), -1)));

describe('lenet5', () => {
  it('maps [N,1,28,28] digits to [N,10] logits', () => {
    const net = lenet5({ rng: createRng(1) });
    expect(net.forward(randn([3, 1, 28, 28], { rng: createRng(2) })).shape).toEqual([3, 10]);
  });

  it('has 61,706 weights: C1 156 + C3 2,416 + C5 (dense 400→120) 48,120 + F6 10,164 + output 850', () => {
    const net = lenet5();
    const count = treeLeaves(net.params).reduce((n, t) => n + t.size, 0);
    expect(count).toBe(61_706);
    expect(LENET5_PARAMETER_COUNT).toBe(count);
    const sizes = Object.fromEntries(Object.entries(net.params).map(([k, p]) => [k, p.w.size + p.b.size]));
    expect(sizes).toEqual({ c1: 156, c3: 2416, c5: 48_120, f6: 10_164, output: 850 });
    expect(net.params.c1.w.shape).toEqual([6, 1, 5, 5]);
    expect(net.params.c3.w.shape).toEqual([16, 6, 5, 5]);
    expect(net.params.c5.w.shape).toEqual([400, 120]);
  });

  it.each([
    { activation: 'relu', pooling: 'max', rate: 0.05 },
    { activation: 'tanh', pooling: 'avg', rate: 0.1 },
  ] as const)('lowers the loss of a small random batch in a few SGD steps ($activation, $pooling pooling)', ({ rate, ...options }) => {
    const rng = createRng(7);
    const net = lenet5({ ...options, rng });
    const x = randn([8, 1, 28, 28], { rng });
    const labels = randint([8], 10, { rng });
    const losses: number[] = [];
    for (let step = 0; step < 4; step++) {
      const { value, grads } = valueAndGrad(() => crossEntropy(net.forward(x), labels), net.params);
      losses.push(value.item());
      for (const name of Object.keys(net.params) as (keyof typeof net.params)[]) {
        net.params[name].w = add(net.params[name].w, mul(grads[name].w, -rate));
        net.params[name].b = add(net.params[name].b, mul(grads[name].b, -rate));
      }
    }
    losses.slice(1).forEach((l, i) => expect(l).toBeLessThan(losses[i]));
    expect(losses[3]).toBeLessThan(losses[0] - 0.2);
  });

  it.each(['relu', 'tanh'] as const)('computes conv → %s → max-pool as written, values and gradients, though it pools first', (activation) => {
    const net = lenet5({ activation, rng: createRng(5), dtype: 'float64' });
    const f = activation === 'relu' ? relu : tanh;
    const dense = (x: Tensor, p: { w: Tensor; b: Tensor }) => add(matmul(x, p.w), p.b);
    const asWritten = (x: Tensor) => {
      const { c1, c3, c5, f6, output } = net.params;
      const s2 = maxPool2d(f(conv2d(x, c1.w, c1.b, { padding: 2 })), { kernelSize: 2 });
      const s4 = maxPool2d(f(conv2d(s2, c3.w, c3.b)), { kernelSize: 2 });
      return dense(f(dense(f(dense(reshape(s4, [x.shape[0], 400]), c5)), f6)), output);
    };
    const x = randn([3, 1, 28, 28], { rng: createRng(6), dtype: 'float64' });
    const labels = randint([3], 10, { rng: createRng(7) });
    const got = valueAndGrad(() => crossEntropy(net.forward(x), labels), net.params);
    const want = valueAndGrad(() => crossEntropy(asWritten(x), labels), net.params);
    expect(got.value.item()).toBe(want.value.item());
    treeLeaves(got.grads).forEach((g, i) => expect(g.dataSync()).toEqual(treeLeaves(want.grads)[i].dataSync()));
  });

  it('gives every weight a gradient of its own shape', () => {
    const net = lenet5({ rng: createRng(3), dtype: 'float64' });
    const { grads } = valueAndGrad(() => sum(net.forward(randn([1, 1, 28, 28], { rng: createRng(4), dtype: 'float64' }))), net.params);
    expect(treeLeaves(grads).map((g) => g.shape)).toEqual(treeLeaves(net.params).map((p) => p.shape));
  });

  it('records kind and config', () => {
    expect(lenet5({ activation: 'tanh', pooling: 'avg' })).toMatchObject({ kind: 'lenet5', config: { activation: 'tanh', pooling: 'avg', dtype: 'float32' } });
  });

  it('refuses inputs of another shape and bad options', () => {
    const net = lenet5();
    expect(() => net.forward(zeros([2, 1, 32, 32]))).toThrow(new ShapeError('lenet5', 'expected input of shape [N,1,28,28], got [2,1,32,32]'));
    expect(() => net.forward(zeros([2, 28, 28]))).toThrow(new ShapeError('lenet5', 'expected input of shape [N,1,28,28], got [2,28,28]'));
    expect(() => net.forward(zeros([2, 1, 28, 28], 'float64'))).toThrow(DTypeError);
    expect(() => lenet5({ activation: 'sigmoid' as 'relu' })).toThrow(new ValueError('lenet5', `activation must be 'relu' or 'tanh', got "sigmoid"`));
    expect(() => lenet5({ pooling: 'sum' as 'max' })).toThrow(new ValueError('lenet5', `pooling must be 'max' or 'avg', got "sum"`));
  });
});
