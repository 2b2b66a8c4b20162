import { describe, expect, it } from 'vitest';
import { ValueError, tensor } from '@nn/tensor';
import { avgPool2dLayer } from './avg-pool2d-layer';

describe('avgPool2dLayer', () => {
  it('pools without weights and records its config', () => {
    const layer = avgPool2dLayer(2, { padding: 1, countIncludePad: false });
    expect(layer.params).toEqual({});
    expect(layer.config).toEqual({ kernelSize: 2, stride: 2, padding: 1, countIncludePad: false });
    expect(layer.forward(tensor([1, 1, 1, 1], [1, 1, 2, 2])).toArray()).toEqual([[[[1, 1], [1, 1]]]]);
    expect(avgPool2dLayer(2).forward(tensor([1, 3, 3, 2], [1, 1, 2, 2])).toArray()).toEqual([[[[2.25]]]]);
  });
  it('refuses bad options when built', () => {
    expect(() => avgPool2dLayer(2, { countIncludePad: 'yes' as unknown as boolean })).toThrow(
      new ValueError('avgPool2dLayer', 'countIncludePad must be true or false, got yes'),
    );
  });
});
