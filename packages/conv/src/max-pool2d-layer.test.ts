import { describe, expect, it } from 'vitest';
import { ValueError, tensor } from '@nn/tensor';
import { maxPool2dLayer } from './max-pool2d-layer';

describe('maxPool2dLayer', () => {
  it('pools without weights and records its config', () => {
    const layer = maxPool2dLayer(2);
    expect(layer.params).toEqual({});
    expect(layer.config).toEqual({ kernelSize: 2, stride: 2, padding: 0 });
    expect(layer.forward(tensor([1, 3, 3, 2], [1, 1, 2, 2])).toArray()).toEqual([[[[3]]]]);
    expect(maxPool2dLayer([3, 2], { stride: 1, padding: [1, 0] }).config).toEqual({ kernelSize: [3, 2], stride: 1, padding: [1, 0] });
  });
  it('refuses bad options when built', () => {
    expect(() => maxPool2dLayer(0)).toThrow(new ValueError('maxPool2dLayer', 'kernelSize must be a positive integer or a pair of them, got 0'));
  });
});
