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

  it('reads μ from a schedule at each update: μ_t = decay(t)', () => {
    // μ(t) = 0.5 for t < 2, then 0.9; g = 1 three times: v = 1, 0.5·1 + 1 = 1.5, 0.9·1.5 + 1 = 2.35
    const opt = trace({ decay: (t) => (t < 2 ? 0.5 : 0.9) });
    const params = { w: tensor([0]) };
    let state = opt.init(params);
    const out: number[] = [];
    for (let i = 0; i < 3; i++) {
      let u: { w: Tensor };
      [u, state] = opt.update({ w: tensor([1]) }, state, params);
      out.push(u.w.item());
    }
    expect(out).toBeAllClose([1, 1.5, 2.35]);
    expect(state.count).toBe(3);
  });

  it('refuses a schedule value below 0, and a state from elsewhere', () => {
    const opt = trace({ decay: () => -1 });
    const params = { w: tensor([0]) };
    expect(() => opt.update(params, opt.init(params), params)).toThrow(/trace: the momentum schedule's value at step 0 must be a finite number ≥ 0, got -1/);
    expect(() => trace({ decay: 0.9 }).update(params, { count: 0 } as never, params)).toThrow(/trace: expected the state its init makes, with keys \{velocity, count\}, got keys \{count\}/);
  });

  it('refuses a negative or non-finite decay', () => {
    expect(() => trace({ decay: -0.1 })).toThrow(ValueError);
    expect(() => trace({ decay: Number.NaN })).toThrow(/decay \(the momentum μ\) must be a finite number ≥ 0, got NaN/);
  });
});
