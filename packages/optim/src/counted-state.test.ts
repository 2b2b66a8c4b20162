import { describe, expect, it } from 'vitest';
import { type Tensor, tensor } from '@nn/tensor';
import { countedState } from './counted-state';

const t = (v: number) => tensor([v], [1], 'float32');

describe('countedState', () => {
  it('takes a state apart into its tensors, depth first, and advances it: new tensors in place, every count one higher', () => {
    const [a, b, c] = [t(1), t(2), t(3)];
    const state = [{ velocity: { w: a, b }, count: 4 }, { count: 0 }, {}, [c, 7]];
    const counted = countedState(state)!;
    expect(counted.tensors).toEqual([a, b, c]);
    const [x, y, z] = [t(10), t(20), t(30)];
    const next = counted.advance([x, y, z]) as typeof state;
    expect(next).toEqual([{ velocity: { w: x, b: y }, count: 5 }, { count: 1 }, {}, [z, 8]]);
    expect((next[0] as { velocity: { w: Tensor } }).velocity.w).toBe(x);
    expect(state[0]).toEqual({ velocity: { w: a, b }, count: 4 }); // the old state is left as it was
  });

  it('advances by several steps at once: every count that many higher', () => {
    const [a, x] = [t(1), t(2)];
    const counted = countedState({ velocity: [a], count: 4, inner: { count: 0 } })!;
    expect(counted.advance([x], 20)).toEqual({ velocity: [x], count: 24, inner: { count: 20 } });
    expect(counted.advance([x], 0)).toEqual({ velocity: [x], count: 4, inner: { count: 0 } });
  });

  it('knows the state an update returned when it is this one advanced, and only then', () => {
    const counted = countedState([{ velocity: [t(1)], count: 2 }, { count: 0 }])!;
    expect(counted.isAdvancedBy([{ velocity: [t(5)], count: 3 }, { count: 1 }])).toBe(true);
    expect(counted.isAdvancedBy([{ velocity: [t(5)], count: 4 }, { count: 1 }])).toBe(false); // counted by two
    expect(counted.isAdvancedBy([{ velocity: [t(5)], count: 3 }, { count: 0 }])).toBe(false); // a count kept
    expect(counted.isAdvancedBy([{ count: 3, velocity: [t(5)] }, { count: 1 }])).toBe(false); // keys reordered
    expect(counted.isAdvancedBy([{ velocity: [t(5)], count: 3 }])).toBe(false); // a member lost
    expect(counted.isAdvancedBy([{ velocity: [3], count: 3 }, { count: 1 }])).toBe(false); // a tensor became a number
    expect(counted.isAdvancedBy([{ velocity: [t(5)], count: 3, extra: 1 }, { count: 1 }])).toBe(false);
    expect(counted.isAdvancedBy(null)).toBe(false);
  });

  it('refuses states holding anything but tensors, numbers, and plain arrays and objects', () => {
    for (const state of [null, undefined, 'adam', { count: 0, name: 'x' }, { when: new Date(0) }, [() => 1], { flag: true }]) {
      expect(countedState(state)).toBeUndefined();
    }
    expect(countedState({})?.tensors).toEqual([]);
    expect(countedState(3)?.advance([])).toBe(4);
  });
});
