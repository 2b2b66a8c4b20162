import { DTypeError, type Params, ShapeError, type Tensor, ValueError, add, isTensor } from '@nn/tensor';

/**
 * θ ← θ + u, in place: every leaf of `params` is replaced by the sum with the matching leaf of
 * `updates` (the tree's objects and arrays are mutated; tensors stay immutable, so a model holding
 * `params` sees the new values). Returns `params`. The trees must match in structure, shapes and
 * dtypes; nothing is changed unless they do. The root cannot be a bare tensor: wrap it (`{ w }`).
 */
export function applyUpdates<P extends Params>(params: P, updates: Params): P {
  const op = 'applyUpdates';
  if (isTensor(params)) {
    throw new ValueError(op, 'params is a bare Tensor, which cannot be updated in place; wrap it in an object or array, e.g. { w }');
  }
  // NOTE: a quick check first, without building paths; the descriptive one runs only to name a mismatch
  if (!treesMatch(params, updates)) assertMatching(op, params, updates, '');
  const walk = (node: Params, u: Params): void => {
    const target = node as { [key: string]: Params };
    const source = u as { readonly [key: string]: Params };
    for (const key of Object.keys(target)) {
      const leaf = target[key];
      if (isTensor(leaf)) target[key] = add(leaf, source[key] as Tensor);
      else walk(leaf, source[key]);
    }
  };
  walk(params, updates);
  return params;
}

/** Whether `a` and `b` have the same structure, leaf shapes and leaf dtypes: `assertMatching`'s test, as a boolean. */
function treesMatch(a: Params, b: Params): boolean {
  if (isTensor(a) || isTensor(b)) {
    if (!isTensor(a) || !isTensor(b) || a.dtype !== b.dtype || a.shape.length !== b.shape.length) return false;
    for (let i = 0; i < a.shape.length; i++) if (a.shape[i] !== b.shape[i]) return false;
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!treesMatch(a[i], b[i])) return false;
    return true;
  }
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) {
    if (!Object.hasOwn(b, k) || !treesMatch((a as Record<string, Params>)[k], (b as Record<string, Params>)[k])) return false;
  }
  return true;
}

/** Throws unless `a` and `b` have the same structure, leaf shapes and leaf dtypes. */
function assertMatching(op: string, a: Params, b: Params, path: string): void {
  const where = path || 'the root';
  const kind = (x: unknown): string => (isTensor(x) ? 'a tensor' : Array.isArray(x) ? 'an array' : x === null ? 'null' : typeof x === 'object' ? 'an object' : typeof x);
  if (isTensor(a) || isTensor(b)) {
    if (!isTensor(a) || !isTensor(b)) throw new ShapeError(op, `params and updates differ at ${where}: ${kind(a)} in params, ${kind(b)} in updates`);
    if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
      throw new ShapeError(op, `shapes differ at ${where}: [${a.shape.join(',')}] in params, [${b.shape.join(',')}] in updates`);
    }
    if (a.dtype !== b.dtype) throw new DTypeError(op, `dtypes differ at ${where}: ${a.dtype} in params, ${b.dtype} in updates`);
    return;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) throw new ShapeError(op, `params and updates differ at ${where}: ${kind(a)} in params, ${kind(b)} in updates`);
    if (a.length !== b.length) throw new ShapeError(op, `arrays differ in length at ${where}: ${a.length} in params, ${b.length} in updates`);
    a.forEach((child, i) => assertMatching(op, child, b[i], `${path}[${i}]`));
    return;
  }
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    throw new ShapeError(op, `expected tensors, arrays or objects at ${where}, got ${kind(a)} in params and ${kind(b)} in updates`);
  }
  const keysA = Object.keys(a);
  const keysB = new Set(Object.keys(b));
  const missing = keysA.filter((k) => !keysB.has(k));
  const extra = [...keysB].filter((k) => !(k in a));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [missing.length > 0 ? `missing from updates: ${missing.join(', ')}` : '', extra.length > 0 ? `not in params: ${extra.join(', ')}` : ''];
    throw new ShapeError(op, `keys differ at ${where} (${parts.filter(Boolean).join('; ')})`);
  }
  for (const k of keysA) assertMatching(op, (a as Record<string, Params>)[k], (b as Record<string, Params>)[k], `${path}.${k}`);
}
