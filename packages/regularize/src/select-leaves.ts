import { NnError, type Params, type Tensor, ValueError, isTensor } from '@nn/tensor';

/** Where a leaf sits in a Params tree: the keys and indices from the root, e.g. `[0, 'w']`. */
export type ParamPath = readonly (string | number)[];

/** Decides, leaf by leaf, which parameters a penalty, constraint or noise acts on. */
export type LeafSelector = (leaf: Tensor, path: ParamPath) => boolean;

/**
 * A tree shaped like the params (or a prefix of it) with `true` / `false` in place of tensors; a
 * boolean in place of a subtree selects or skips all of it: `[{ w: true, b: false }, {}, false]`.
 */
export type SelectMask = boolean | readonly SelectMask[] | { readonly [key: string]: SelectMask };

/** Either way of choosing leaves. */
export type LeafSelection = LeafSelector | SelectMask;

/**
 * The default rule for what counts as a bias: a rank-1 leaf whose key is `b` or `bias` (what
 * `dense` and `conv2dLayer` name theirs). Penalties, constraints and weight noise skip biases unless
 * their `select` option says otherwise.
 */
export function isBias(leaf: Tensor, path: ParamPath): boolean {
  const key = path[path.length - 1];
  return leaf.rank === 1 && (key === 'b' || key === 'bias');
}

/** Every leaf but the biases ({@link isBias}): the default `select`. */
export const notBias: LeafSelector = (leaf, path) => !isBias(leaf, path);

/**
 * Maps `fn` over the leaves of `tree` (with the matching leaves of `others`, same structure), calling
 * it with whether `select` chooses the leaf. Returns a tree of the same structure.
 * @internal
 */
export function mapSelected<T extends Params>(
  op: string,
  select: LeafSelection,
  fn: (selected: boolean, leaf: Tensor, ...others: Tensor[]) => Tensor,
  tree: T,
  ...others: Params[]
): T {
  if (typeof select !== 'function') assertMask(op, select, '');
  const walk = (node: Params, rest: readonly Params[], path: (string | number)[], mask: SelectMask | undefined): Params => {
    const where = formatPath(path);
    if (isTensor(node)) {
      rest.forEach((r) => {
        if (!isTensor(r)) throw new NnError(op, `trees differ at ${where}: a tensor and ${describe(r)}`);
      });
      let selected: boolean;
      if (typeof select === 'function') selected = select(node, path) === true;
      else if (typeof mask === 'boolean') selected = mask;
      else throw new ValueError(op, `the select mask has ${mask === undefined ? 'no entry' : 'a subtree'} at ${where}, where the params hold a tensor; put true or false there`);
      return fn(selected, node, ...(rest as Tensor[]));
    }
    const child = (key: string | number): SelectMask | undefined => {
      if (typeof mask === 'boolean' || mask === undefined) return mask;
      return (mask as { readonly [k: string]: SelectMask })[key];
    };
    if (typeof mask !== 'boolean' && mask !== undefined && typeof select !== 'function' && Array.isArray(mask) !== Array.isArray(node)) {
      throw new ValueError(op, `the select mask has ${describe(mask)} at ${where}, where the params hold ${describe(node)}`);
    }
    if (Array.isArray(node)) {
      rest.forEach((r) => {
        if (!Array.isArray(r) || r.length !== node.length) throw new NnError(op, `trees differ at ${where}: ${describe(node)} and ${describe(r)}`);
      });
      return node.map((c: Params, i: number) => walk(c, rest.map((r) => (r as readonly Params[])[i]), [...path, i], child(i)));
    }
    if (typeof node !== 'object' || node === null) throw new NnError(op, `expected tensors, arrays or objects in a Params tree, got ${describe(node)} at ${where}`);
    const out: { [k: string]: Params } = {};
    for (const k of Object.keys(node)) {
      rest.forEach((r) => {
        if (typeof r !== 'object' || r === null || isTensor(r) || !(k in r)) throw new NnError(op, `trees differ at ${formatPath([...path, k])}: the key is missing from the other tree`);
      });
      out[k] = walk((node as { readonly [k: string]: Params })[k], rest.map((r) => (r as { readonly [k: string]: Params })[k]), [...path, k], child(k));
    }
    return out;
  };
  return walk(tree, others, [], typeof select === 'function' ? undefined : select) as T;
}

/** Validates `select` when a factory receives it, so a bad option fails at construction. @internal */
export function assertSelect(op: string, select: unknown): asserts select is LeafSelection {
  if (typeof select === 'function') return;
  assertMask(op, select, '');
}

function assertMask(op: string, mask: unknown, path: string): void {
  if (typeof mask === 'boolean') return;
  if (Array.isArray(mask)) {
    mask.forEach((m, i) => assertMask(op, m, `${path}[${i}]`));
    return;
  }
  if (typeof mask === 'object' && mask !== null && !isTensor(mask)) {
    for (const [k, m] of Object.entries(mask)) assertMask(op, m, `${path}.${k}`);
    return;
  }
  throw new ValueError(op, `select must be a function (leaf, path) → boolean or a tree of booleans; got ${describe(mask)} at ${path || 'the root'}`);
}

function formatPath(path: ParamPath): string {
  return path.length === 0 ? 'the root' : path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');
}

function describe(node: unknown): string {
  if (isTensor(node)) return 'a tensor';
  if (Array.isArray(node)) return `a list of ${node.length}`;
  return node === null ? 'null' : typeof node === 'object' ? 'an object' : `a ${typeof node}`;
}
