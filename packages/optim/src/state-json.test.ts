import { type Tensor, ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { stateFromJSON, stateToJSON } from './state-json';

describe('stateToJSON / stateFromJSON', () => {
  it('writes tensors as { dtype, shape, data } anywhere in a nest of objects and arrays', () => {
    const state = [{ velocity: { w: tensor([[1, 2]]) } }, { count: 3, mode: 'x', on: true, none: null }];
    expect(stateToJSON(state)).toEqual([
      { velocity: { w: { dtype: 'float32', shape: [1, 2], data: [1, 2] } } },
      { count: 3, mode: 'x', on: true, none: null },
    ]);
  });

  it('round-trips through JSON text exactly, for every dtype and non-finite values', () => {
    const state = {
      f32: tensor([0.1, -3.25e-20, Number.NaN]),
      f64: [tensor([Math.PI, Number.NEGATIVE_INFINITY], [2], 'float64'), tensor(2, [], 'float64')],
      i32: tensor([7, -1], [2], 'int32'),
      empty: tensor([], [0]),
      best: Number.POSITIVE_INFINITY,
      count: 4,
    };
    const restored = stateFromJSON<typeof state>(JSON.parse(JSON.stringify(stateToJSON(state))));
    const same = (a: Tensor, b: Tensor) => {
      expect(b.dtype).toBe(a.dtype);
      expect(b.shape).toEqual(a.shape);
      expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    };
    same(state.f32, restored.f32);
    same(state.f64[0], restored.f64[0]);
    same(state.f64[1], restored.f64[1]);
    same(state.i32, restored.i32);
    same(state.empty, restored.empty);
    expect(restored.best).toBe(Number.POSITIVE_INFINITY);
    expect(restored.count).toBe(4);
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => stateToJSON({ f: () => 1 })).toThrow(/stateToJSON: cannot save function at \.f/);
    expect(() => stateToJSON({ m: new Map() })).toThrow(ValueError);
    expect(() => stateToJSON([undefined])).toThrow(/cannot save undefined at \[0\]/);
  });
});
