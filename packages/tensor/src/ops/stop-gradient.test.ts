import { describe, expect, it } from 'vitest';
import { grad } from '../autodiff/grad';
import { mul } from './binary';
import { tensor } from './creation';
import { sum } from './reduce';
import { stopGradient } from './stop-gradient';

describe('stopGradient', () => {
  it('passes the value through', () => {
    const x = tensor([[1, 2]], undefined, 'float64');
    const y = stopGradient(x);
    expect(y.toArray()).toEqual([[1, 2]]);
    expect(y.dtype).toBe('float64');
  });

  it('has zero gradient', () => {
    expect(grad((p) => sum(stopGradient(p.x)), { x: tensor([1, 2]) }).x).toBeAllClose([0, 0]);
  });

  it('blocks only the path through it', () => {
    // d/dx Σ c·x with c = stop(x) held constant is c = x
    expect(grad((p) => sum(mul(stopGradient(p.x), p.x)), { x: tensor([3, -2]) }).x).toBeAllClose([3, -2]);
  });
});
