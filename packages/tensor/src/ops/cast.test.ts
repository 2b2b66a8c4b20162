import { describe, expect, it } from 'vitest';
import { grad } from '../autodiff/grad';
import { DTypeError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { cast } from './cast';
import { tensor } from './creation';
import { sum } from './reduce';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

describe('cast', () => {
  it('widens float32 to float64 exactly', () => {
    const y = cast(tensor([0.1]), 'float64');
    expect(y.dtype).toBe('float64');
    expect(y.dataSync()[0]).toBe(Math.fround(0.1));
  });

  it('rounds float64 to float32', () => {
    expect(cast(tensor([0.1], [1], 'float64'), 'float32').dataSync()[0]).toBe(Math.fround(0.1));
  });

  it('truncates toward zero when casting to int32', () => {
    const y = cast(tensor([-1.7, 2.9, 3]), 'int32');
    expect(y.dtype).toBe('int32');
    expect(y.toArray()).toEqual([-1, 2, 3]);
  });

  it('turns int32 into floats', () => {
    expect(cast(tensor([1, -2], [2], 'int32'), 'float32').toArray()).toEqual([1, -2]);
  });

  it('returns the tensor itself for its own dtype', () => {
    const x = tensor([1], [1], 'float64');
    expect(cast(x, 'float64')).toBe(x);
  });

  it('has gradient 1, delivered in the input dtype', () => {
    // float64 → float32 → float64 rounds by ≤ 6e-8 per element; a wide step keeps that out of the difference quotient.
    expectGradClose((p) => cast(weighted(cast(p.x, 'float32')), 'float64'), { x: tensor([[0.3, -1.2], [2.5, 0.7]], undefined, 'float64') }, { eps: 1e-2, rtol: 1e-4 });
    const g = grad((p) => sum(cast(p.x, 'float64')), { x: tensor([1, 2]) });
    expect(g.x.dtype).toBe('float32');
    expect(g.x).toBeAllClose([1, 1]);
  });

  it('refuses an unknown dtype', () => {
    expect(() => cast(tensor([1]), 'bool' as never)).toThrow(new DTypeError('cast', "unknown dtype 'bool', expected 'float32', 'float64' or 'int32'"));
  });
});
