import { NnError, ShapeError, formatShape } from './errors';
import type { Params } from './spec/params';
import { type Tensor, isTensor } from './tensor';

/** Every tensor of a Params tree, depth first, object keys in insertion order. */
export function treeLeaves(tree: Params): Tensor[] {
  const out: Tensor[] = [];
  const walk = (node: Params, path: string): void => {
    if (isTensor(node)) out.push(node);
    else if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${path}[${i}]`));
    else if (typeof node === 'object' && node !== null) {
      for (const [k, child] of Object.entries(node)) walk(child as Params, `${path}.${k}`);
    } else {
      throw new NnError('treeLeaves', `expected tensors, arrays or objects in a Params tree, got ${typeof node} at ${path || 'the root'}`);
    }
  };
  walk(tree, '');
  return out;
}

/**
 * Maps `fn` over matching leaves of one or more trees of the same structure, returning a tree of that
 * structure (optax's tree_map). Throws a ShapeError naming the path where the structures differ.
 */
export function mapTree<T extends Params>(fn: (...leaves: Tensor[]) => Tensor, tree: T, ...others: Params[]): T {
  const walk = (node: Params, rest: Params[], path: string): Params => {
    if (isTensor(node)) {
      rest.forEach((r) => {
        if (!isTensor(r)) throw new ShapeError('mapTree', `trees differ at ${path || 'the root'}: a tensor and a ${Array.isArray(r) ? 'list' : typeof r}`);
      });
      return fn(node, ...(rest as Tensor[]));
    }
    if (Array.isArray(node)) {
      rest.forEach((r) => {
        if (!Array.isArray(r) || r.length !== node.length) throw new ShapeError('mapTree', `trees differ at ${path || 'the root'}: lists of different lengths`);
      });
      return node.map((child, i) => walk(child, rest.map((r) => (r as readonly Params[])[i]), `${path}[${i}]`));
    }
    const out: { [k: string]: Params } = {};
    for (const [k, child] of Object.entries(node as { [k: string]: Params })) {
      rest.forEach((r) => {
        if (typeof r !== 'object' || r === null || !(k in r)) throw new ShapeError('mapTree', `trees differ at ${path}.${k}: key missing`);
      });
      out[k] = walk(child, rest.map((r) => (r as { [k: string]: Params })[k]), `${path}.${k}`);
    }
    return out;
  };
  return walk(tree, others, '') as T;
}

/** Throws a ShapeError unless two trees have the same structure and leaf shapes. */
export function assertSameTree(op: string, a: Params, b: Params): void {
  mapTree((x, y) => {
    if (x.shape.length !== y.shape.length || x.shape.some((d, i) => d !== y.shape[i])) {
      throw new ShapeError(op, `leaf shapes differ: ${formatShape(x.shape)} and ${formatShape(y.shape)}`);
    }
    return x;
  }, a, b);
}
