import { describe, expect, it } from 'vitest';
import { ValueError } from '@nn/tensor';
import { logicGate } from './logic-gate';

describe('logicGate', () => {
  it('gives the truth tables over (0,0), (0,1), (1,0), (1,1)', () => {
    expect(Array.from(logicGate('and').y.dataSync())).toEqual([0, 0, 0, 1]);
    expect(Array.from(logicGate('or').y.dataSync())).toEqual([0, 1, 1, 1]);
    expect(Array.from(logicGate('xor').y.dataSync())).toEqual([0, 1, 1, 0]);
    expect(Array.from(logicGate('nand').y.dataSync())).toEqual([1, 1, 1, 0]);
    expect(Array.from(logicGate('xnor').y.dataSync())).toEqual([1, 0, 0, 1]);
    const { x, y } = logicGate('xor');
    expect(x.shape).toEqual([4, 2]);
    expect(Array.from(x.dataSync())).toEqual([0, 0, 0, 1, 1, 0, 1, 1]);
    expect(y.dtype).toBe('int32');
  });

  it('encodes inputs as ±1 on request', () => {
    expect(Array.from(logicGate('and', { encoding: 'bipolar', dtype: 'float64' }).x.dataSync())).toEqual([-1, -1, -1, 1, 1, -1, 1, 1]);
  });

  it('refuses an unknown gate', () => {
    expect(() => logicGate('implies' as 'and')).toThrow(ValueError);
    expect(() => logicGate('implies' as 'and')).toThrow('logicGate: unknown gate "implies"; expected one of and, or, xor, nand, nor, xnor');
  });
});
