import { describe, expect, it } from 'vitest';
import { zeros } from '@nn/tensor';
import { flattenLayer } from './flatten-layer';

describe('flattenLayer', () => {
  it('flattens without weights', () => {
    const layer = flattenLayer();
    expect(layer).toMatchObject({ kind: 'flatten', config: {}, params: {} });
    expect(layer.forward(zeros([2, 16, 5, 5])).shape).toEqual([2, 400]);
  });
});
