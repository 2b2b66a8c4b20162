import { ShapeError } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { computeFans } from './compute-fans';

describe('computeFans', () => {
  it('reads [in, out] for dense weights', () => {
    expect(computeFans([784, 256])).toEqual({ fanIn: 784, fanOut: 256 });
  });

  it('reads [outC, inC, kh, kw] for convolution kernels', () => {
    expect(computeFans([6, 1, 5, 5])).toEqual({ fanIn: 25, fanOut: 150 }); // LeNet-5's C1
    expect(computeFans([16, 6, 5, 5])).toEqual({ fanIn: 150, fanOut: 400 }); // C3
    expect(computeFans([8, 3, 7])).toEqual({ fanIn: 21, fanOut: 56 }); // 1-D
  });

  it('takes n for a vector and 1 for a scalar', () => {
    expect(computeFans([10])).toEqual({ fanIn: 10, fanOut: 10 });
    expect(computeFans([])).toEqual({ fanIn: 1, fanOut: 1 });
  });

  it('refuses a malformed shape', () => {
    expect(() => computeFans([2, -1])).toThrow(ShapeError);
  });
});
