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
  assertMatching(op, params, updates, []);
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

/**
 * Throws unless `a` and `b` have the same structure, leaf shapes and leaf dtypes. `path` (keys and
 * indices from the root) is turned into text only for a message: the check runs every training step.
 */
function assertMatching(op: string, a: Params, b: Params, path: (string | number)[]): void {
  const where = () => pathText(path);
  if (isTensor(a) || isTensor(b)) {
    if (!isTensor(a) || !isTensor(b)) throw new ShapeError(op, `params and updates differ at ${where()}: ${kind(a)} in params, ${kind(b)} in updates`);
    if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
      throw new ShapeError(op, `shapes differ at ${where()}: [${a.shape.join(',')}] in params, [${b.shape.join(',')}] in updates`);
    }
    if (a.dtype !== b.dtype) throw new DTypeError(op, `dtypes differ at ${where()}: ${a.dtype} in params, ${b.dtype} in updates`);
    return;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) throw new ShapeError(op, `params and updates differ at ${where()}: ${kind(a)} in params, ${kind(b)} in updates`);
    if (a.length !== b.length) throw new ShapeError(op, `arrays differ in length at ${where()}: ${a.length} in params, ${b.length} in updates`);
    for (let i = 0; i < a.length; i++) {
      path.push(i);
      assertMatching(op, a[i], b[i], path);
      path.pop();
    }
    return;
  }
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    throw new ShapeError(op, `expected tensors, arrays or objects at ${where()}, got ${kind(a)} in params and ${kind(b)} in updates`);
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length || keysA.some((k) => !Object.hasOwn(b, k))) {
    const missing = keysA.filter((k) => !Object.hasOwn(b, k));
    const extra = keysB.filter((k) => !(k in a));
    const parts = [missing.length > 0 ? `missing from updates: ${missing.join(', ')}` : '', extra.length > 0 ? `not in params: ${extra.join(', ')}` : ''];
    throw new ShapeError(op, `keys differ at ${where()} (${parts.filter(Boolean).join('; ')})`);
  }
  for (const k of keysA) {
    path.push(k);
    assertMatching(op, (a as Record<string, Params>)[k], (b as Record<string, Params>)[k], path);
    path.pop();
  }
}

/** `.dense.b`, `.layers[0]`: a path for a message; the root has none. */
function pathText(path: readonly (string | number)[]): string {
  return path.length === 0 ? 'the root' : path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');
}

function kind(x: unknown): string {
  return isTensor(x) ? 'a tensor' : Array.isArray(x) ? 'an array' : x === null ? 'null' : typeof x === 'object' ? 'an object' : typeof x;
}
