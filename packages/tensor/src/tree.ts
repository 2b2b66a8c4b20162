import { NnError, ShapeError, formatShape } from './errors';
import type { Params } from './spec/params';
import { type Tensor, isTensor } from './tensor';

/** Every tensor of a Params tree, depth first, object keys in insertion order. */
export function treeLeaves(tree: Params): Tensor[] {
  const out: Tensor[] = [];
  walk('treeLeaves', tree, [], '', (leaf) => {
    out.push(leaf);
    return leaf;
  });
  return out;
}

/**
 * Maps `fn` over matching leaves of one or more trees of the same structure, returning a tree of that
 * structure (optax's tree_map). Throws a ShapeError naming the path where the structures differ.
 */
export function mapTree<T extends Params>(fn: (...leaves: Tensor[]) => Tensor, tree: T, ...others: Params[]): T {
  return walk('mapTree', tree, others, '', fn) as T;
}

/** Throws a ShapeError naming `op` and the path unless two trees have the same structure and leaf shapes. */
export function assertSameTree(op: string, a: Params, b: Params): void {
  walk(op, a, [b], '', (x, y) => {
    if (x.shape.length !== y.shape.length || x.shape.some((d, i) => d !== y.shape[i])) {
      throw new ShapeError(op, `leaf shapes differ: ${formatShape(x.shape)} and ${formatShape(y.shape)}`);
    }
    return x;
  });
}

function describe(node: unknown): string {
  if (isTensor(node)) return 'a tensor';
  if (Array.isArray(node)) return `a list of ${node.length}`;
  return node === null ? 'null' : typeof node === 'object' ? 'an object' : `a ${typeof node}`;
}

/** Walks `tree` and `others` in lockstep, checking that their structures match exactly. */
function walk(op: string, node: Params, others: readonly Params[], path: string, fn: (...leaves: Tensor[]) => Tensor): Params {
  const where = path || 'the root';
  if (isTensor(node)) {
    for (const r of others) if (!isTensor(r)) throw new ShapeError(op, `trees differ at ${where}: a tensor and ${describe(r)}`);
    return fn(node, ...(others as Tensor[]));
  }
  if (Array.isArray(node)) {
    for (const r of others) {
      if (!Array.isArray(r) || r.length !== node.length) throw new ShapeError(op, `trees differ at ${where}: ${describe(node)} and ${describe(r)}`);
    }
    return node.map((child, i) => walk(op, child, others.map((r) => (r as readonly Params[])[i]), `${path}[${i}]`, fn));
  }
  if (typeof node !== 'object' || node === null) {
    throw new NnError(op, `expected tensors, arrays or objects in a Params tree, got ${describe(node)} at ${where}`);
  }
  const keys = Object.keys(node);
  for (const r of others) {
    if (typeof r !== 'object' || r === null || isTensor(r) || Array.isArray(r)) throw new ShapeError(op, `trees differ at ${where}: an object and ${describe(r)}`);
    const extra = Object.keys(r).find((k) => !(k in node));
    const missing = keys.find((k) => !(k in r));
    if (missing !== undefined || extra !== undefined) {
      throw new ShapeError(op, `trees differ at ${path}.${missing ?? extra}: the key is ${missing !== undefined ? 'missing from' : 'only in'} the other tree`);
    }
  }
  const out: { [k: string]: Params } = {};
  for (const k of keys) {
    out[k] = walk(op, (node as { [k: string]: Params })[k], others.map((r) => (r as { [k: string]: Params })[k]), `${path}.${k}`, fn);
  }
  return out;
}
