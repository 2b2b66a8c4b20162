import { type Tensor, isTensor } from '../tensor';

export interface AllCloseOptions {
  /** Relative tolerance (NumPy's rtol): |a − b| ≤ atol + rtol·|b|. Default 1e-5. */
  readonly rtol?: number;
  /** Absolute tolerance. Default 1e-8. */
  readonly atol?: number;
}

type Comparable = Tensor | number | ArrayLike<number> | readonly unknown[];

/** Flattens a tensor, number, typed array or nested array into values plus its shape. */
function flatten(x: Comparable): { values: number[]; shape: number[] } {
  if (isTensor(x)) return { values: Array.from(x.dataSync()), shape: [...x.shape] };
  if (typeof x === 'number') return { values: [x], shape: [] };
  if (ArrayBuffer.isView(x)) return { values: Array.from(x as ArrayLike<number>), shape: [(x as ArrayLike<number>).length] };
  const shape: number[] = [];
  for (let level: unknown = x; Array.isArray(level); level = level[0]) shape.push(level.length);
  return { values: (x as unknown[]).flat(Infinity) as number[], shape };
}

/**
 * Compares elementwise as numpy.allclose does (NaN equals NaN, ±∞ must match exactly). Returns a
 * message describing the first mismatch, or undefined when everything is close.
 */
export function allCloseMismatch(actual: Comparable, expected: Comparable, { rtol = 1e-5, atol = 1e-8 }: AllCloseOptions = {}): string | undefined {
  const a = flatten(actual);
  const e = flatten(expected);
  const shapeMatters = (isTensor(actual) || Array.isArray(actual)) && (isTensor(expected) || Array.isArray(expected));
  if (a.values.length !== e.values.length || (shapeMatters && a.shape.join() !== e.shape.join() && a.values.length > 1)) {
    return `shapes differ: [${a.shape}] vs expected [${e.shape}]`;
  }
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < a.values.length; i++) {
    const x = a.values[i];
    const y = e.values[i];
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      if (x !== y) return `element ${i}: ${x} vs expected ${y}`;
      continue;
    }
    const excess = Math.abs(x - y) - (atol + rtol * Math.abs(y));
    if (excess > worstExcess || (Number.isNaN(excess) && worst < 0)) {
      worstExcess = excess;
      worst = i;
    }
  }
  if (worst < 0) return undefined;
  return `element ${worst}: ${a.values[worst]} vs expected ${e.values[worst]} (|diff| = ${Math.abs(a.values[worst] - e.values[worst]).toExponential(3)}, rtol ${rtol}, atol ${atol})`;
}

/** The `toBeAllClose` matcher for `expect.extend` (registered by tooling/vitest-setup.ts). */
export function toBeAllClose(this: unknown, actual: Comparable, expected: Comparable, options?: AllCloseOptions) {
  const mismatch = allCloseMismatch(actual, expected, options);
  return {
    pass: mismatch === undefined,
    message: () => (mismatch === undefined ? 'expected values not to be all close' : `expected values to be all close: ${mismatch}`),
  };
}
