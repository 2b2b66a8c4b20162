import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, ValueError } from '../errors';
import { arange, eye, fromTypedArray, full, fullLike, ones, onesLike, scalar, tensor, zeros, zerosLike } from './creation';

describe('tensor', () => {
  it('infers the shape from the nesting and defaults to float32', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float32');
    expect(t.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('makes a scalar from a number', () => {
    const t = tensor(4);
    expect(t.shape).toEqual([]);
    expect(t.item()).toBe(4);
  });

  it('reshapes flat values to the given shape', () => {
    expect(tensor([1, 2, 3, 4, 5, 6], [3, 2]).toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
  });

  it('keeps float64 exactly and rounds float32', () => {
    expect(tensor([0.1], [1], 'float64').dataSync()[0]).toBe(0.1);
    expect(tensor([0.1]).dataSync()[0]).toBe(Math.fround(0.1));
  });

  it('takes the dtype of a typed array unless told otherwise', () => {
    expect(tensor(new Float64Array([1, 2])).dtype).toBe('float64');
    expect(tensor(new Int32Array([1, 2])).dtype).toBe('int32');
    expect(tensor(new Float64Array([1, 2]), [2], 'float32').dtype).toBe('float32');
  });

  it('copies its input', () => {
    const values = new Float32Array([1, 2]);
    const t = tensor(values);
    values[0] = 9;
    expect(t.toArray()).toEqual([1, 2]);
  });

  it('accepts an empty array as shape [0]', () => {
    expect(tensor([]).shape).toEqual([0]);
  });

  it('refuses ragged nested arrays, naming the place', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(new ShapeError('tensor', 'ragged nested arrays: expected length 2 at [1], got length 1'));
    expect(() => tensor([[1, 2], 3] as never)).toThrow(new ShapeError('tensor', 'ragged nested arrays: expected length 2 at [1], got a number'));
    expect(() => tensor([1, [2]] as never)).toThrow(new ShapeError('tensor', 'ragged nested arrays: [1] is deeper than the first element'));
  });

  it('refuses values that do not fill the shape', () => {
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(new ShapeError('tensor', '3 values do not fill shape [2,2] (4 elements)'));
  });

  it('refuses non-integer values for int32 rather than truncating them', () => {
    expect(() => tensor([1, 2.5], [2], 'int32')).toThrow(new ValueError('tensor', 'element 1 is 2.5, expected an integer for int32'));
    expect(() => tensor([NaN], [1], 'int32')).toThrow(ValueError);
  });

  it('refuses non-numbers and unknown dtypes', () => {
    expect(() => tensor(['a'] as never)).toThrow(new ValueError('tensor', 'element 0 is string, expected a number'));
    expect(() => tensor([1], [1], 'float16' as never)).toThrow(
      new DTypeError('tensor', "unknown dtype 'float16', expected 'float32', 'float64' or 'int32'"),
    );
  });

  it('refuses a bad shape', () => {
    expect(() => tensor([1, 2], [2, -1])).toThrow(new ShapeError('tensor', 'expected a shape of non-negative integers, got [2,-1]'));
  });

  it('refuses an options object where the shape goes, saying where the dtype goes', () => {
    expect(() => tensor([[1, 2]], { dtype: 'float64' } as never)).toThrow(
      new ValueError('tensor', "expected the shape as an array of sizes, got object (the dtype is the third argument: tensor(values, undefined, 'float64'))"),
    );
    expect(() => tensor([1], 1 as never)).toThrow(new ValueError('tensor', 'expected the shape as an array of sizes, got number'));
  });
});

describe('scalar', () => {
  it('is rank 0 and takes a dtype', () => {
    const s = scalar(2, 'float64');
    expect(s.shape).toEqual([]);
    expect(s.dtype).toBe('float64');
    expect(s.item()).toBe(2);
  });
});

describe('full', () => {
  it('fills the shape with the value', () => {
    expect(full([2, 2], 7).toArray()).toEqual([[7, 7], [7, 7]]);
  });

  it('refuses a fractional int32 fill', () => {
    expect(() => full([2], 0.5, 'int32')).toThrow(new ValueError('full', 'int32 needs an integer fill value, got 0.5'));
  });
});

describe('zeros, ones', () => {
  it('fill with 0 and 1 in the requested dtype', () => {
    expect(zeros([2]).toArray()).toEqual([0, 0]);
    const o = ones([1, 2], 'float64');
    expect(o.toArray()).toEqual([[1, 1]]);
    expect(o.dtype).toBe('float64');
  });
});

describe('zerosLike, onesLike, fullLike', () => {
  it('copy the shape and dtype of their argument', () => {
    const x = tensor([[1, 2, 3]], undefined, 'float64');
    for (const t of [zerosLike(x), onesLike(x), fullLike(x, 3)]) {
      expect(t.shape).toEqual([1, 3]);
      expect(t.dtype).toBe('float64');
    }
    expect(fullLike(x, 3).toArray()).toEqual([[3, 3, 3]]);
  });
});

describe('arange', () => {
  it('counts from 0 to n − 1 with one argument', () => {
    expect(arange(4).toArray()).toEqual([0, 1, 2, 3]);
  });

  it('takes start, stop and a (negative) step', () => {
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(arange(3, 0, -1).toArray()).toEqual([3, 2, 1]);
    expect(arange(3, 1).toArray()).toEqual([]);
  });

  it('refuses a zero step', () => {
    expect(() => arange(0, 1, 0)).toThrow(new ValueError('arange', 'step must be a finite non-zero number, got 0'));
  });
});

describe('eye', () => {
  it('has ones on the diagonal, also when not square', () => {
    expect(eye(2).toArray()).toEqual([[1, 0], [0, 1]]);
    expect(eye(2, 3).toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
  });
});

describe('fromTypedArray', () => {
  it('wraps the array without copying', () => {
    const values = new Float64Array([1, 2, 3, 4]);
    const t = fromTypedArray(values, [2, 2]);
    expect(t.dtype).toBe('float64');
    expect(t.dataSync()).toBe(values);
  });
});

describe('fromTypedArray', () => {
  it('wraps the array without copying it', () => {
    const values = new Float64Array([1, 2, 3, 4]);
    const t = fromTypedArray(values, [2, 2]);
    expect(t.dtype).toBe('float64');
    expect(t.dataSync()).toBe(values);
  });

  it('refuses an array whose length or type does not match', () => {
    expect(() => fromTypedArray(new Float32Array(3), [2, 2])).toThrow('fromTypedArray: 3 values do not fill shape [2,2] (4 elements)');
    expect(() => fromTypedArray(new Float32Array([1.5, 2]), [2], 'int32')).toThrow('fromTypedArray: expected a Int32Array for dtype int32, got a Float32Array');
    expect(() => fromTypedArray(new Uint8Array(2) as never, [2], 'float32')).toThrow('fromTypedArray: expected a Float32Array for dtype float32, got a Uint8Array');
  });
});
