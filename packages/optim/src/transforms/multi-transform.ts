import { type GradientTransformation, type Params, type Tensor, type UpdateContext, ValueError, isTensor } from '@nn/tensor';
import { checkState } from './check';

/** A tree shaped like the params with a label (a string) where each tensor is. */
export type LabelTree = string | readonly LabelTree[] | { readonly [key: string]: LabelTree };

/** Each label's own state, made by its transform's `init` for the params of that label. */
export interface MultiTransformState {
  readonly inner: { readonly [label: string]: unknown };
}

/**
 * Routes each parameter to the transform of its label (optax's `multi_transform`, PyTorch's parameter
 * groups): `labels` is a tree shaped like the params with a label at every tensor, or a function from
 * the params to one (so labels can follow names or shapes). Each transform sees only its own
 * parameters, as a flat object keyed by their paths ('dense.w', 'layers[1].b'), and keeps its own
 * state; the updates are put back where the grads were. Every label must have a transform.
 */
export function multiTransform(
  transforms: { readonly [label: string]: GradientTransformation<any> },
  labels: LabelTree | ((params: Params) => LabelTree),
): GradientTransformation<MultiTransformState> {
  const op = 'multiTransform';
  const names = Object.keys(transforms);
  if (names.length === 0) throw new ValueError(op, 'needs at least one transform, got none');
  const labelsFor = (tree: Params): Map<string, string> => {
    const labelTree = typeof labels === 'function' ? labels(tree) : labels;
    const out = new Map<string, string>();
    walk(tree, labelTree, '', (path, label) => {
      if (typeof label !== 'string') throw new ValueError(op, `expected a label (a string) for the tensor at ${path || 'the root'}, got ${describe(label)}`);
      if (!Object.hasOwn(transforms, label)) {
        throw new ValueError(op, `the tensor at ${path || 'the root'} has the label ${JSON.stringify(label)}, which has no transform (labels: ${names.map((n) => JSON.stringify(n)).join(', ')})`);
      }
      out.set(path, label);
    });
    return out;
  };
  const group = (tree: Params, byPath: Map<string, string>, label: string): { [path: string]: Tensor } => {
    const out: { [path: string]: Tensor } = {};
    walk(tree, tree, '', (path, leaf) => {
      if (byPath.get(path) === label) out[path] = leaf as Tensor;
    });
    return out;
  };
  return {
    retainsOnlyState: names.every((label) => transforms[label].retainsOnlyState === true),
    init(params) {
      const byPath = labelsFor(params);
      return { inner: Object.fromEntries(names.map((label) => [label, transforms[label].init(group(params, byPath, label))])) };
    },
    update<P extends Params>(grads: P, state: MultiTransformState, params?: P, ctx?: UpdateContext): [P, MultiTransformState] {
      checkState(op, state, ['inner']);
      checkState(op, state.inner, names);
      const byPath = labelsFor(params ?? grads);
      const updates = new Map<string, Tensor>();
      const inner: { [label: string]: unknown } = {};
      for (const label of names) {
        const g = group(grads, byPath, label);
        const [u, s] = transforms[label].update(g, state.inner[label], params === undefined ? undefined : group(params, byPath, label), ctx);
        for (const [path, t] of Object.entries(u)) updates.set(path, t as Tensor);
        inner[label] = s;
      }
      return [rebuild(grads, '', updates) as P, { inner }];
    },
  };
}

/** Calls `visit` with the path and the matching node of `other` at every tensor of `tree`. */
function walk(tree: Params, other: unknown, path: string, visit: (path: string, other: unknown) => void): void {
  if (isTensor(tree)) return visit(path, other);
  if (typeof other === 'string') {
    // One label for a whole subtree is allowed: it labels every tensor under it.
    if (Array.isArray(tree)) tree.forEach((child, i) => walk(child, other, `${path}[${i}]`, visit));
    else for (const [k, child] of Object.entries(tree)) walk(child as Params, other, path ? `${path}.${k}` : k, visit);
    return;
  }
  if (Array.isArray(tree)) {
    if (!Array.isArray(other) || other.length !== tree.length) throw mismatch(path, `a list of ${tree.length}`, other);
    tree.forEach((child, i) => walk(child, other[i], `${path}[${i}]`, visit));
    return;
  }
  if (typeof other !== 'object' || other === null || Array.isArray(other)) throw mismatch(path, 'an object', other);
  for (const [k, child] of Object.entries(tree)) {
    const childPath = path ? `${path}.${k}` : k;
    if (!(k in other)) throw mismatch(childPath, 'a label', undefined);
    walk(child as Params, (other as { [k: string]: unknown })[k], childPath, visit);
  }
}

function rebuild(tree: Params, path: string, updates: Map<string, Tensor>): Params {
  if (isTensor(tree)) return updates.get(path)!;
  if (Array.isArray(tree)) return tree.map((child, i) => rebuild(child, `${path}[${i}]`, updates));
  return Object.fromEntries(Object.entries(tree).map(([k, child]) => [k, rebuild(child as Params, path ? `${path}.${k}` : k, updates)]));
}

function mismatch(path: string, expected: string, got: unknown): ValueError {
  return new ValueError('multiTransform', `the labels differ from the params at ${path || 'the root'}: expected ${expected} or a label, got ${describe(got)}`);
}

function describe(x: unknown): string {
  if (x === undefined) return 'nothing';
  if (Array.isArray(x)) return `a list of ${x.length}`;
  if (isTensor(x)) return 'a tensor';
  return typeof x === 'object' ? (x === null ? 'null' : 'an object') : JSON.stringify(x);
}
