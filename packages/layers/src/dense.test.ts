import { DTypeError, NnError, ShapeError, ValueError, createRng, mul, randn, sum, tensor, zeros } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { dense } from './dense';
import { constantInit } from './initializers/constant-init';
import { glorotUniform } from './initializers/glorot-uniform';

describe('dense', () => {
  it('computes x·W + b with W: [in, out] and b: [out]', () => {
    const layer = dense(3, 2);
    expect(layer.params.w.shape).toEqual([3, 2]);
    expect(layer.params.b.shape).toEqual([2]);
    layer.params.w = tensor([[1, 2], [3, 4], [5, 6]]);
    layer.params.b = tensor([0.5, -1]);
    // [1, 1, 1]·W = [9, 12]; + b = [9.5, 11]. [1, 0, −1]·W = [−4, −4]; + b = [−3.5, −5]
    expect(layer.forward(tensor([[1, 1, 1], [1, 0, -1]]))).toBeAllClose([[9.5, 11], [-3.5, -5]]);
  });

  it('treats every leading axis as a batch axis, and a vector as one sample', () => {
    const layer = dense(3, 2);
    expect(layer.forward(zeros([2, 4, 3])).shape).toEqual([2, 4, 2]);
    expect(layer.forward(zeros([3])).shape).toEqual([2]);
  });

  it('defaults to LeCun-normal weights and zero biases, and says so in its config', () => {
    const layer = dense(400, 300, { rng: createRng(1), dtype: 'float64' });
    const w = Array.from(layer.params.w.dataSync());
    const std = Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
    expect(Math.abs(std * Math.sqrt(400) - 1)).toBeLessThan(0.02); // σ = 1/√fanIn = 0.05
    expect(layer.params.b).toBeAllClose(zeros([300]));
    expect(layer.config).toEqual({
      inFeatures: 400, outFeatures: 300, useBias: true, dtype: 'float64',
      init: { name: 'lecunNormal', config: {} }, biasInit: { name: 'zeros', config: {} },
    });
  });

  it('draws the same weights from the same seed', () => {
    const a = dense(4, 3, { rng: createRng(5), init: glorotUniform, biasInit: constantInit(0.1) });
    const b = dense(4, 3, { rng: createRng(5), init: glorotUniform, biasInit: constantInit(0.1) });
    expect(a.params.w).toBeAllClose(b.params.w, { rtol: 0, atol: 0 });
    expect(a.params.b).toBeAllClose([0.1, 0.1, 0.1]);
    expect(dense(4, 3, { rng: createRng(6) }).params.w.dataSync()).not.toEqual(a.params.w.dataSync());
  });

  it('leaves b out with useBias: false', () => {
    const layer = dense(2, 2, { useBias: false, init: constantInit(1) });
    expect(Object.keys(layer.params)).toEqual(['w']);
    expect(layer.config.useBias).toBe(false);
    expect(layer.forward(tensor([[1, 2]]))).toBeAllClose([[3, 3]]);
  });

  it('has the analytic gradient in W, b and the input (float64)', () => {
    const rng = createRng(3);
    const layer = dense(3, 2, { rng, dtype: 'float64', biasInit: constantInit(0.3) });
    const c = randn([4, 2], { rng, dtype: 'float64' }); // weights of a loss that mixes the outputs
    const x = randn([4, 3], { rng, dtype: 'float64' });
    expectGradClose(({ w, b, x }) => {
      Object.assign(layer.params, { w, b }); // as applyUpdates would
      return sum(mul(layer.forward(x), c));
    }, { w: layer.params.w, b: layer.params.b, x });
  });

  it('refuses an input whose last axis is not inFeatures, naming both shapes', () => {
    const layer = dense(3, 2);
    expect(() => layer.forward(zeros([5, 4]))).toThrow(ShapeError);
    expect(() => layer.forward(zeros([5, 4]))).toThrow('dense: expected input of shape [N,3], got [5,4]');
    expect(() => layer.forward(tensor(1))).toThrow(ShapeError);
  });

  it('refuses an input of another dtype instead of casting it', () => {
    expect(() => dense(3, 2).forward(zeros([1, 3], 'float64'))).toThrow(/dense: expected a float32 input.*got float64/);
    expect(() => dense(3, 2).forward(zeros([1, 3], 'int32'))).toThrow(DTypeError);
    expect(() => dense(3, 2).forward([[1, 2, 3]] as never)).toThrow(NnError);
  });

  it('refuses bad sizes, dtypes and initializers', () => {
    expect(() => dense(0, 2)).toThrow(ValueError);
    expect(() => dense(2.5, 2)).toThrow('dense: inFeatures must be a positive integer, got 2.5');
    expect(() => dense(2, 2, { dtype: 'int32' as never })).toThrow(DTypeError);
    expect(() => dense(2, 2, { init: (shape) => zeros([...shape, 1]) })).toThrow('dense: init returned shape [2,2,1], expected [2,2]');
    expect(() => dense(2, 2, { init: 'glorotUniform' as never })).toThrow(ValueError);
  });
});
