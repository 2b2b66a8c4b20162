import { describe, expect, it } from 'vitest';
import { fromRows, identity, mat, multiply, transpose } from './matrix';
import { expectLinalgError, expectMatClose } from './test-helpers';

describe('mat', () => {
  it('wraps row-major data without copying', () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    const m = mat(2, 3, data);
    expect(m.data).toBe(data);
    expect(m.data[1 * 3 + 2]).toBe(6);
  });

  it('defaults to zeros', () => {
    expect(Array.from(mat(2, 2).data)).toEqual([0, 0, 0, 0]);
  });

  it('rejects data of the wrong length', () => {
    expectLinalgError(() => mat(2, 2, new Float64Array(3)), 'mat: matrix of shape [2,2] needs 4 entries, got 3');
  });
});

describe('fromRows', () => {
  it('lays rows out one after another', () => {
    const m = fromRows([[1, 2, 3], [4, 5, 6]]);
    expect([m.rows, m.cols]).toEqual([2, 3]);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects ragged rows', () => {
    expectLinalgError(() => fromRows([[1, 2], [3]]), 'fromRows: row 1 has 1 entries, row 0 has 2');
  });
});

describe('identity', () => {
  it('has ones on the diagonal only', () => {
    expectMatClose(identity(3), [[1, 0, 0], [0, 1, 0], [0, 0, 1]], { rtol: 0 });
  });
});

describe('transpose', () => {
  it('swaps rows and columns', () => {
    expectMatClose(transpose(fromRows([[1, 2, 3], [4, 5, 6]])), [[1, 4], [2, 5], [3, 6]], { rtol: 0 });
  });
});

describe('multiply', () => {
  it('multiplies a hand-checked 2×2 pair', () => {
    // [[1·5 + 2·7, 1·6 + 2·8], [3·5 + 4·7, 3·6 + 4·8]] = [[19, 22], [43, 50]]
    const c = multiply(fromRows([[1, 2], [3, 4]]), fromRows([[5, 6], [7, 8]]));
    expectMatClose(c, [[19, 22], [43, 50]], { rtol: 0 });
  });

  it('multiplies rectangular matrices: [2,3]·[3,1] is [2,1]', () => {
    // [1·1 + 2·0 + 3·(−1), 4·1 + 5·0 + 6·(−1)] = [−2, −2]
    const c = multiply(fromRows([[1, 2, 3], [4, 5, 6]]), fromRows([[1], [0], [-1]]));
    expectMatClose(c, [[-2], [-2]], { rtol: 0 });
  });

  it('rejects mismatched inner dimensions', () => {
    const a = mat(2, 3);
    expectLinalgError(() => multiply(a, a), 'multiply: inner dimensions differ: [2,3] x [2,3]');
  });
});
