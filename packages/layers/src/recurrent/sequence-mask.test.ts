import { ShapeError, ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { sequenceMask } from './sequence-mask';

describe('sequenceMask', () => {
  it('marks the first lengths[n] steps of row n', () => {
    expect(sequenceMask([3, 0, 1], 3)).toBeAllClose([[1, 1, 1], [0, 0, 0], [1, 0, 0]], { atol: 0 });
    expect(sequenceMask(tensor([2], [1], 'int32'), 4, 'float64').dtype).toBe('float64');
  });

  it('refuses lengths out of range, of another rank, and bad step counts', () => {
    expect(() => sequenceMask([4], 3)).toThrow('sequenceMask: lengths[0] must be an integer in 0…3 (the number of steps), got 4');
    expect(() => sequenceMask([1.5], 3)).toThrow(ValueError);
    expect(() => sequenceMask(tensor([[1]]), 3)).toThrow(ShapeError);
    expect(() => sequenceMask([1], 0)).toThrow(ValueError);
  });
});
