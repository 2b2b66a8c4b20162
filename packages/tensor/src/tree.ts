import { DTypeError, NnError, ShapeError, ValueError, formatShape } from './errors';
import type { Params } from './spec/params';
import { type Tensor, isTensor } from './tensor';

/** Every tensor of a Params tree, depth first, object keys in insertion order. */
export function treeLeaves(tree: Params): Tensor[] {
  const out: Tensor[] = [];
  // NOTE: collected without building a copy of the tree (a training step lists leaves several times);
  // on anything else than a tensor, array or object the walk with paths runs to say where.
  if (!collectLeaves(tree, out)) walk('treeLeaves', tree, [], undefined, (leaf) => leaf);
  return out;
}

function collectLeaves(node: Params, out: Tensor[]): boolean {
  if (isTensor(node)) {
    out.push(node);
    return true;
  }
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) if (!collectLeaves(node[i], out)) return false;
    return true;
  }
  if (typeof node !== 'object' || node === null) return false;
  for (const k in node) if (!collectLeaves((node as { [k: string]: Params })[k], out)) return false;
  return true;
}

/**
 * Maps `fn` over matching leaves of one or more trees of the same structure, returning a tree of that
 * structure (optax's tree_map). Throws a ShapeError naming the path where the structures differ.
 */
export function mapTree<T extends Params>(fn: (...leaves: Tensor[]) => Tensor, tree: T, ...others: Params[]): T {
  return walk('mapTree', tree, others, undefined, fn) as T;
}

/** Throws a ShapeError naming `op` and the path unless two trees have the same structure and leaf shapes. */
export function assertSameTree(op: string, a: Params, b: Params): void {
  walk(op, a, [b], undefined, (x, y) => {
    if (x.shape.length !== y.shape.length || x.shape.some((d, i) => d !== y.shape[i])) {
      throw new ShapeError(op, `leaf shapes differ: ${formatShape(x.shape)} and ${formatShape(y.shape)}`);
    }
    return x;
  });
}

/**
 * Puts the leaves of `source` in place of those of `target`, in place: the tree's objects and arrays
 * are mutated (tensors stay immutable), so a model holding `target` sees the new leaves. The trees must
 * match in structure, leaf shapes and dtypes; nothing is changed unless they do. Returns `target`. The
 * root cannot be a bare tensor: wrap it (`{ w }`).
 */
export function assignLeaves<P extends Params>(target: P, source: Params): P {
  const op = 'assignLeaves';
  if (isTensor(target)) throw new ValueError(op, 'target is a bare Tensor, which cannot be replaced in place; wrap it in an object or array, e.g. { w }');
  // NOTE: a check that allocates nothing (fit assigns every step); the walk with paths says where on a mismatch.
  if (!matches(target, source)) {
    assertSameTree(op, target, source);
    mapTree((a, b) => {
      if (a.dtype !== b.dtype) throw new DTypeError(op, `leaf dtypes differ: ${a.dtype} in target, ${b.dtype} in source`);
      return a;
    }, target, source);
  }
  assign(target, source);
  return target;
}

/** Same structure (keys in the same number, arrays of the same length), leaf shapes and dtypes. */
function matches(a: Params, b: Params): boolean {
  if (isTensor(a) || isTensor(b)) {
    if (!isTensor(a) || !isTensor(b) || a.dtype !== b.dtype || a.shape.length !== b.shape.length) return false;
    for (let i = 0; i < a.shape.length; i++) if (a.shape[i] !== b.shape[i]) return false;
    return true;
  }
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !matches((a as { [k: string]: Params })[k], (b as { [k: string]: Params })[k])) return false;
  }
  return true;
}

function assign(target: Params, source: Params): void {
  const t = target as { [key: string]: Params };
  const s = source as { readonly [key: string]: Params };
  for (const key of Object.keys(t)) {
    if (isTensor(t[key])) t[key] = s[key];
    else assign(t[key], s[key]);
  }
}

function describe(node: unknown): string {
  if (isTensor(node)) return 'a tensor';
  if (Array.isArray(node)) return `a list of ${node.length}`;
  return node === null ? 'null' : typeof node === 'object' ? 'an object' : `a ${typeof node}`;
}

/**
 * Walks `tree` and `others` in lockstep, checking that their structures match exactly.
 * NOTE: walks run several times a training step, so this one keeps no path; on a mismatch the walk
 * with paths (`walkWithPath`, without `fn`) runs to say where.
 */
function walk(op: string, node: Params, others: readonly Params[], path: Path, fn: (...leaves: Tensor[]) => Tensor): Params {
  const out = fastWalk(node, others, fn);
  if (out !== MISMATCH) return out;
  walkWithPath(op, node, others, path, (x) => x);
  throw new NnError(op, 'trees differ'); // not reached: walkWithPath throws where they differ
}

/** Marks a structure mismatch found by fastWalk. */
const MISMATCH = Symbol('mismatch');

function fastWalk(node: Params, others: readonly Params[], fn: (...leaves: Tensor[]) => Tensor): Params | typeof MISMATCH {
  if (isTensor(node)) {
    if (others.length === 0) return fn(node);
    for (const r of others) if (!isTensor(r)) return MISMATCH;
    return fn(node, ...(others as Tensor[]));
  }
  if (Array.isArray(node)) {
    for (const r of others) if (!Array.isArray(r) || r.length !== node.length) return MISMATCH;
    const out: Params[] = new Array(node.length);
    for (let i = 0; i < node.length; i++) {
      const child = fastWalk(node[i], others.length === 0 ? others : others.map((r) => (r as readonly Params[])[i]), fn);
      if (child === MISMATCH) return MISMATCH;
      out[i] = child;
    }
    return out;
  }
  if (typeof node !== 'object' || node === null) return MISMATCH;
  const out: { [k: string]: Params } = {};
  let count = 0;
  for (const k in node) {
    count++;
    const child = fastWalk((node as { [k: string]: Params })[k], others.length === 0 ? others : others.map((r) => (r as { [k: string]: Params })[k]), fn);
    if (child === MISMATCH) return MISMATCH;
    out[k] = child;
  }
  for (const r of others) {
    if (typeof r !== 'object' || r === null || isTensor(r) || Array.isArray(r)) return MISMATCH;
    let n = 0;
    for (const k in r) if (++n > count || !(k in node)) return MISMATCH;
    if (n !== count) return MISMATCH;
  }
  return out;
}

/** The walk with a path for its error messages: the reference for fastWalk, run only when that finds a mismatch. */
function walkWithPath(op: string, node: Params, others: readonly Params[], path: Path, fn: (...leaves: Tensor[]) => Tensor): Params {
  if (isTensor(node)) {
    for (const r of others) if (!isTensor(r)) throw new ShapeError(op, `trees differ at ${where(path)}: a tensor and ${describe(r)}`);
    return others.length === 0 ? fn(node) : fn(node, ...(others as Tensor[]));
  }
  if (Array.isArray(node)) {
    for (const r of others) {
      if (!Array.isArray(r) || r.length !== node.length) throw new ShapeError(op, `trees differ at ${where(path)}: ${describe(node)} and ${describe(r)}`);
    }
    const out: Params[] = new Array(node.length);
    for (let i = 0; i < node.length; i++) {
      out[i] = walkWithPath(op, node[i], others.length === 0 ? others : others.map((r) => (r as readonly Params[])[i]), { parent: path, key: i }, fn);
    }
    return out;
  }
  if (typeof node !== 'object' || node === null) {
    throw new NnError(op, `expected tensors, arrays or objects in a Params tree, got ${describe(node)} at ${where(path)}`);
  }
  const keys = Object.keys(node);
  for (const r of others) {
    if (typeof r !== 'object' || r === null || isTensor(r) || Array.isArray(r)) throw new ShapeError(op, `trees differ at ${where(path)}: an object and ${describe(r)}`);
    const extra = Object.keys(r).find((k) => !(k in node));
    const missing = keys.find((k) => !(k in r));
    if (missing !== undefined || extra !== undefined) {
      throw new ShapeError(op, `trees differ at ${text(path)}.${missing ?? extra}: the key is ${missing !== undefined ? 'missing from' : 'only in'} the other tree`);
    }
  }
  const out: { [k: string]: Params } = {};
  for (const k of keys) {
    out[k] = walkWithPath(op, (node as { [k: string]: Params })[k], others.length === 0 ? others : others.map((r) => (r as { [k: string]: Params })[k]), { parent: path, key: k }, fn);
  }
  return out;
}

/** Where a walk is: undefined at the root, else the parent and the key or index taken from it. */
type Path = { readonly parent: Path; readonly key: string | number } | undefined;

/** '.layers[0].w', '' at the root. */
function text(path: Path): string {
  if (path === undefined) return '';
  return `${text(path.parent)}${typeof path.key === 'number' ? `[${path.key}]` : `.${path.key}`}`;
}

function where(path: Path): string {
  return text(path) || 'the root';
}
