import { type Tensor, ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { trace } from './trace';

describe('trace', () => {
  it('emits the velocity v ← μ·v + g', () => {
    // μ = 0.5: g = [1, −2] → v = [1, −2]; g = [1, 0] → v = [0.5 + 1, −1 + 0] = [1.5, −1]
    const opt = trace({ decay: 0.5 });
    const params = { w: tensor([0, 0]) };
    const [u1, s1] = opt.update({ w: tensor([1, -2]) }, opt.init(params), params);
    const [u2, s2] = opt.update({ w: tensor([1, 0]) }, s1, params);
    expect(u1.w).toBeAllClose([1, -2]);
    expect(u2.w).toBeAllClose([1.5, -1]);
    expect((s2.velocity as { w: Tensor }).w).toBeAllClose([1.5, -1]);
  });

  it('emits g + μ·v with Nesterov', () => {
    // μ = 0.5: g = [1, −2] → v = [1, −2], u = g + 0.5·v = [1.5, −3]
    const opt = trace({ decay: 0.5, nesterov: true });
    const params = { w: tensor([0, 0]) };
    const [u] = opt.update({ w: tensor([1, -2]) }, opt.init(params), params);
    expect(u.w).toBeAllClose([1.5, -3]);
  });

  it('keeps the velocity in the params’ dtype', () => {
    const opt = trace({ decay: 0.9 });
    const state = opt.init({ w: tensor([1], [1], 'float64') });
    expect((state.velocity as { w: Tensor }).w.dtype).toBe('float64');
  });

  it('refuses a negative or non-finite decay', () => {
    expect(() => trace({ decay: -0.1 })).toThrow(ValueError);
    expect(() => trace({ decay: Number.NaN })).toThrow(/decay \(the momentum μ\) must be a finite number ≥ 0, got NaN/);
  });
});
