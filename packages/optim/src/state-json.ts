import { type DType, type Json, type Tensor, ValueError, isTensor, tensor } from '@nn/tensor';

/**
 * A tensor as JSON. Non-finite elements, which JSON has no numbers for, are written as the strings
 * 'NaN', 'Infinity' and '-Infinity'. (A type, not an interface, so that it is assignable to `Json`.)
 */
export type TensorJson = {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly data: readonly (number | NonFinite)[];
};

type NonFinite = 'NaN' | 'Infinity' | '-Infinity';
const nonFinite: ReadonlySet<string> = new Set(['NaN', 'Infinity', '-Infinity']);
const dtypes: ReadonlySet<string> = new Set(['float32', 'float64', 'int32']);

/**
 * An optimizer state (any nest of objects, arrays, numbers, strings, booleans, null and tensors) as
 * JSON: each tensor becomes a {@link TensorJson}; a non-finite number outside a tensor becomes
 * `{ "$number": "Infinity" }` (or 'NaN', '-Infinity'). `JSON.stringify` of the result loses nothing,
 * and {@link stateFromJSON} gives the state back. Throws on anything else (functions, undefined in an
 * array, class instances other than tensors).
 */
export function stateToJSON(state: unknown): Json {
  const walk = (x: unknown, path: string): Json => {
    if (isTensor(x)) return tensorToJSON(x);
    if (x === null || typeof x === 'string' || typeof x === 'boolean') return x;
    if (typeof x === 'number') return Number.isFinite(x) ? x : { $number: String(x) };
    if (Array.isArray(x)) return x.map((child, i) => walk(child, `${path}[${i}]`));
    if (typeof x === 'object' && isPlainObject(x)) {
      const out: { [key: string]: Json } = {};
      for (const [k, child] of Object.entries(x)) {
        if (child !== undefined) out[k] = walk(child, `${path}.${k}`);
      }
      return out;
    }
    const what = typeof x === 'object' ? `an instance of ${(x as object).constructor?.name ?? 'a class'}` : typeof x;
    throw new ValueError('stateToJSON', `cannot save ${what} at ${path || 'the root'}: a state holds only plain data and tensors`);
  };
  return walk(state, '');
}

/** The inverse of {@link stateToJSON}: rebuilds tensors (on the active backend) and non-finite numbers. */
export function stateFromJSON<S = unknown>(json: unknown): S {
  const walk = (x: unknown, path: string): unknown => {
    if (x === null || typeof x === 'string' || typeof x === 'boolean' || typeof x === 'number') return x;
    if (Array.isArray(x)) return x.map((child, i) => walk(child, `${path}[${i}]`));
    if (typeof x === 'object') {
      if (isTensorJson(x)) return tensorFromJSON(x, path);
      const keys = Object.keys(x);
      if (keys.length === 1 && keys[0] === '$number' && nonFinite.has((x as { $number: unknown }).$number as string)) {
        return Number((x as { $number: string }).$number);
      }
      const out: { [key: string]: unknown } = {};
      for (const [k, child] of Object.entries(x)) out[k] = walk(child, `${path}.${k}`);
      return out;
    }
    throw new ValueError('stateFromJSON', `expected JSON data at ${path || 'the root'}, got ${typeof x}`);
  };
  return walk(json, '') as S;
}

function tensorToJSON(t: Tensor): TensorJson {
  const data = Array.from(t.dataSync(), (v) => (Number.isFinite(v) ? v : (String(v) as NonFinite)));
  return { dtype: t.dtype, shape: [...t.shape], data };
}

function tensorFromJSON({ dtype, shape, data }: TensorJson, path: string): Tensor {
  const values = data.map((v, i) => {
    if (typeof v === 'number') return v;
    if (nonFinite.has(v)) return Number(v);
    throw new ValueError('stateFromJSON', `tensor at ${path || 'the root'}: element ${i} is ${JSON.stringify(v)}, expected a number`);
  });
  return tensor(values, shape, dtype);
}

/** A `{ dtype, shape, data }` object with exactly those keys, as tensorToJSON writes it. */
function isTensorJson(x: object): x is TensorJson {
  const keys = Object.keys(x);
  if (keys.length !== 3) return false;
  const { dtype, shape, data } = x as { dtype?: unknown; shape?: unknown; data?: unknown };
  return (
    typeof dtype === 'string' &&
    dtypes.has(dtype) &&
    Array.isArray(shape) &&
    shape.every((d) => typeof d === 'number') &&
    Array.isArray(data) &&
    data.every((v) => typeof v === 'number' || (typeof v === 'string' && nonFinite.has(v)))
  );
}

function isPlainObject(x: object): boolean {
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}
