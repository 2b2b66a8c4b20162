import { type ForwardContext, type Layer, NnError, createRng, mul, randn, sum, tanh, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { activation } from './activation';
import { dense } from './dense';
import { sequential } from './sequential';

describe('sequential', () => {
  it('applies its layers in turn', () => {
    const rng = createRng(1);
    const [d1, d2] = [dense(2, 3, { rng }), dense(3, 1, { rng })];
    const net = sequential(d1, activation('tanh'), d2);
    const x = tensor([[0.5, -1], [2, 0]]);
    expect(net.forward(x)).toBeAllClose(d2.forward(tanh(d1.forward(x))));
  });

  it("holds its children's own params objects, so replacing a leaf changes the network", () => {
    const d1 = dense(1, 1);
    const net = sequential(d1, activation('relu'));
    expect(net.params).toHaveLength(2);
    expect(net.params[0]).toBe(d1.params);
    expect(net.params[1]).toEqual({});
    net.params[0].w = tensor([[2]]);
    net.params[0].b = tensor([1]);
    expect(net.forward(tensor([[3]]))).toBeAllClose([[7]]);
    expect(net.layers[0]).toBe(d1);
  });

  it('passes the forward context to every child', () => {
    const seen: (ForwardContext | undefined)[] = [];
    const spy: Layer = { kind: 'spy', config: {}, params: {}, forward: (x, ctx) => (seen.push(ctx), x) };
    const ctx = { training: true, rng: createRng(0) };
    sequential(spy, spy).forward(tensor([1]), ctx);
    expect(seen).toEqual([ctx, ctx]);
  });

  it("describes its children in its config", () => {
    const net = sequential(dense(2, 1, { useBias: false }), activation('leakyRelu', { slope: 0.2 }));
    expect(net.kind).toBe('sequential');
    expect(net.config.layers).toEqual([
      { kind: 'dense', config: expect.objectContaining({ inFeatures: 2, outFeatures: 1, useBias: false }) },
      { kind: 'activation', config: { activation: { name: 'leakyRelu', config: { slope: 0.2 } } } },
    ]);
  });

  it('is the identity with no layers', () => {
    expect(sequential().forward(tensor([1, 2]))).toBeAllClose([1, 2]);
  });

  it('has the analytic gradient through dense → tanh → dense (float64)', () => {
    const rng = createRng(2);
    const net = sequential(dense(3, 4, { rng, dtype: 'float64' }), activation('tanh'), dense(4, 2, { rng, dtype: 'float64' }));
    const x = randn([5, 3], { rng, dtype: 'float64' });
    const c = randn([5, 2], { rng, dtype: 'float64' });
    net.params[0].b = randn([4], { rng, dtype: 'float64' });
    expectGradClose(({ params, x }) => {
      params.forEach((p, i) => Object.assign(net.params[i], p));
      return sum(mul(net.forward(x), c));
    }, { params: net.params.map((p) => ({ ...p })), x });
  });

  it('refuses arguments that are not layers', () => {
    expect(() => sequential(dense(1, 1), tanh as never)).toThrow(NnError);
    expect(() => sequential(dense(1, 1), tanh as never)).toThrow('sequential: expected argument 2 to be a layer');
  });
});
