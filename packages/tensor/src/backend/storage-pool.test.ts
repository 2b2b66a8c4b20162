import { describe, expect, it } from 'vitest';
import { createStoragePool } from './storage-pool';

describe('createStoragePool', () => {
  it('makes zeroed arrays of the dtype and length asked for', () => {
    const pool = createStoragePool();
    expect(pool.take('float32', 3)).toEqual(new Float32Array(3));
    expect(pool.take('float64', 2)).toBeInstanceOf(Float64Array);
    expect(pool.take('int32', 4)).toBeInstanceOf(Int32Array);
  });

  it('hands a given-back array out again for the same dtype and length only', () => {
    const pool = createStoragePool();
    const a = pool.take('float32', 8);
    pool.give(a);
    expect(pool.pooledBytes).toBe(32);
    expect(pool.take('float64', 8)).not.toBe(a);
    expect(pool.take('float32', 7)).not.toBe(a);
    expect(pool.take('float32', 8)).toBe(a);
    expect(pool.pooledBytes).toBe(0);
  });

  it('never recycles an array it did not make, one given back twice, or one that escaped', () => {
    const pool = createStoragePool();
    const foreign = new Float32Array(4);
    pool.give(foreign);
    pool.give(null);
    pool.give(5);
    expect(pool.pooledBytes).toBe(0);
    const twice = pool.take('float32', 4);
    pool.give(twice);
    pool.give(twice);
    expect(pool.pooledBytes).toBe(16);
    expect(pool.take('float32', 4)).toBe(twice);
    expect(pool.take('float32', 4)).not.toBe(twice);
    const escaped = pool.take('float32', 2);
    pool.escape(escaped);
    pool.give(escaped);
    expect(pool.pooledBytes).toBe(0);
  });

  it('holds at most maxBytes; arrays beyond that go to the garbage collector', () => {
    const pool = createStoragePool({ maxBytes: 100 });
    const a = pool.take('float64', 10);
    const b = pool.take('float64', 10);
    pool.give(a);
    pool.give(b);
    expect(pool.pooledBytes).toBe(80);
  });
});
