import { describe, expect, it } from 'vitest';
import { DTypeError, ValueError, createRng, randn, tensor, valueAndGrad } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { conv2d } from './conv2d';
import { conv2dLayer } from './conv2d-layer';
import { randn64, weighted } from './test-helpers';

describe('conv2dLayer', () => {
  it('holds w [O,C,kh,kw] and b [O] and applies conv2d with its options', () => {
    const layer = conv2dLayer(3, 4, [3, 2], { stride: 2, padding: 1, rng: createRng(1) });
    expect(layer.params.w.shape).toEqual([4, 3, 3, 2]);
    expect(layer.params.b.toArray()).toEqual([0, 0, 0, 0]);
    const x = randn([2, 3, 7, 6], { rng: createRng(2) });
    expect(layer.forward(x).dataSync()).toEqual(conv2d(x, layer.params.w, layer.params.b, { stride: 2, padding: 1 }).dataSync());
    expect(layer.forward(x).shape).toEqual([2, 4, 4, 4]);
  });

  it('starts its weights LeCun-normal by fan-in: σ = 1/√(C·kh·kw)', () => {
    const w = Array.from(conv2dLayer(16, 64, 5, { rng: createRng(3), dtype: 'float64' }).params.w.dataSync()); // fan-in 400, 25,600 draws
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    const std = Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length);
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(std).toBeCloseTo(1 / 20, 3);
  });

  it('draws the same weights from the same seed', () => {
    const a = conv2dLayer(2, 3, 3, { rng: createRng(9) });
    const b = conv2dLayer(2, 3, 3, { rng: createRng(9) });
    expect(a.params.w.dataSync()).toEqual(b.params.w.dataSync());
  });

  it('records a JSON config that rebuilds it', () => {
    expect(conv2dLayer(1, 6, 5, { padding: 2 }).config).toEqual({
      inChannels: 1, outChannels: 6, kernelSize: 5, stride: 1, padding: 2, dilation: 1, useBias: true, dtype: 'float32',
    });
    expect(conv2dLayer(2, 3, [3, 1], { padding: 'same', stride: [2, 1], useBias: false, dtype: 'float64' }).config).toEqual({
      inChannels: 2, outChannels: 3, kernelSize: [3, 1], stride: [2, 1], padding: 'same', dilation: 1, useBias: false, dtype: 'float64',
    });
  });

  it('leaves out b with useBias: false', () => {
    const layer = conv2dLayer(1, 2, 2, { useBias: false });
    expect(Object.keys(layer.params)).toEqual(['w']);
    expect(layer.forward(tensor([1, 2, 3, 4], [1, 1, 2, 2])).shape).toEqual([1, 2, 1, 1]);
  });

  it('reads its params at call time, so replacing a leaf changes the layer', () => {
    const layer = conv2dLayer(1, 1, 1);
    layer.params.w = tensor([[[[2]]]]);
    layer.params.b = tensor([1]);
    expect(layer.forward(tensor([1, 2], [1, 1, 1, 2])).toArray()).toEqual([[[[3, 5]]]]);
  });

  it('has the numerical gradient with respect to its params', () => {
    const layer = conv2dLayer(2, 2, 3, { padding: 1, stride: 2, dtype: 'float64', rng: createRng(4) });
    const x = randn64([2, 2, 5, 5], createRng(5));
    expectGradClose((p) => weighted(conv2d(x, p.w, p.b, { padding: 1, stride: 2 })), layer.params);
    const { grads } = valueAndGrad(() => weighted(layer.forward(x)), layer.params);
    expect(grads.w.shape).toEqual([2, 2, 3, 3]);
  });

  it('refuses bad arguments, naming itself', () => {
    expect(() => conv2dLayer(0, 2, 3)).toThrow(new ValueError('conv2dLayer', 'inChannels must be a positive integer, got 0'));
    expect(() => conv2dLayer(1, 2, [3, 0])).toThrow(new ValueError('conv2dLayer', 'kernelSize must be a positive integer or a pair of them, got [3,0]'));
    expect(() => conv2dLayer(1, 2, 3, { stride: 0 })).toThrow(new ValueError('conv2dLayer', 'stride must be a positive integer or a pair of them, got 0'));
    expect(() => conv2dLayer(1, 2, 3, { padding: 'full' as 'same' })).toThrow(ValueError);
    expect(() => conv2dLayer(1, 2, 3, { dtype: 'int32' as 'float32' })).toThrow(DTypeError);
  });
});
