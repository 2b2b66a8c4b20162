import { NnError, type Params, ValueError, tensor, zeros } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { isBias, mapSelected, notBias } from './select-leaves';

const params = (): Params => [{ w: zeros([2, 3]), b: zeros([3]) }, {}, { w: zeros([3, 1]), bias: zeros([1]), gain: zeros([1]), b: zeros([1, 1]) }];
const chosen = (select: Parameters<typeof mapSelected>[1]) => {
  const out: string[] = [];
  mapSelected('test', select, (selected, w) => {
    out.push(selected ? 'y' : 'n');
    return w;
  }, params());
  return out.join('');
};

describe('isBias', () => {
  it('is a rank-1 leaf named b or bias, nothing else', () => {
    expect(isBias(zeros([3]), [0, 'b'])).toBe(true);
    expect(isBias(zeros([3]), ['bias'])).toBe(true);
    expect(isBias(zeros([1, 1]), [0, 'b'])).toBe(false); // rank 2: a weight matrix that happens to be named b
    expect(isBias(zeros([3]), [0, 'gain'])).toBe(false);
    // Leaves in order: w, b, w, bias, gain, b(rank 2) → the default selects all but the two biases.
    expect(chosen(notBias)).toBe('ynynyy');
  });
});

describe('mapSelected', () => {
  it('takes a predicate on the leaf and its path', () => {
    expect(chosen((_, path) => path[0] === 2)).toBe('nnyyyy');
    expect(chosen((w) => w.rank === 2)).toBe('ynynny');
  });

  it('takes a mask tree in which a boolean covers a whole subtree', () => {
    expect(chosen([{ w: true, b: false }, {}, false])).toBe('ynnnnn');
    expect(chosen(true)).toBe('yyyyyy');
    expect(chosen([true, false, { w: false, bias: true, gain: false, b: true }])).toBe('yynyny');
  });

  it('refuses a mask that does not cover a leaf, or one that is not booleans', () => {
    expect(() => chosen([{ w: true }, {}, false])).toThrow(/no entry at \[0\]\.b/);
    expect(() => chosen([{ w: true, b: true }, {}, false, true])).not.toThrow(); // extra mask entries are ignored
    expect(() => chosen({ w: true } as never)).toThrow(ValueError);
    expect(() => chosen([1] as never)).toThrow(/select must be a function/);
  });

  it('walks several trees in lockstep and refuses different structures', () => {
    const doubled = mapSelected('test', notBias, (s, a, b) => (s ? b : a), { w: tensor([1]), b: tensor([2]) }, { w: tensor([10]), b: tensor([20]) });
    expect(doubled.w).toBeAllClose([10]);
    expect(doubled.b).toBeAllClose([2]);
    expect(() => mapSelected('test', true, (_, a) => a, { w: tensor([1]) }, { v: tensor([1]) })).toThrow(NnError);
  });
});
