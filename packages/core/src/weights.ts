import { type Params, type Tensor, NnError, formatShape, isTensor } from '@nn/tensor';

/** Every tensor of a Params tree with its path: `0.w`, `layers.1.b` (array indices and object keys joined by dots). */
export function namedLeaves(params: Params): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  const walk = (node: Params, path: string): void => {
    if (isTensor(node)) out.set(path, node);
    else if (Array.isArray(node)) node.forEach((child, i) => walk(child, path === '' ? `${i}` : `${path}.${i}`));
    else for (const [k, child] of Object.entries(node as Record<string, Params>)) walk(child, path === '' ? k : `${path}.${k}`);
  };
  walk(params, '');
  return out;
}

/**
 * Replaces, in place, every leaf of `params` by the tensor of the same path in `weights`; throws naming
 * the first missing, surplus or mismatched weight so that a wrong file never loads half-way.
 */
export function assignWeights(op: string, params: Params, weights: ReadonlyMap<string, Tensor>): void {
  const expected = namedLeaves(params);
  for (const [name, t] of expected) {
    const w = weights.get(name);
    if (w === undefined) throw new NnError(op, `weight '${name}' is missing from the file`);
    if (w.dtype !== t.dtype || w.shape.length !== t.shape.length || w.shape.some((d, i) => d !== t.shape[i])) {
      throw new NnError(op, `weight '${name}' is ${w.dtype} ${formatShape(w.shape)} in the file, but the model expects ${t.dtype} ${formatShape(t.shape)}`);
    }
  }
  for (const name of weights.keys()) {
    if (!expected.has(name)) throw new NnError(op, `the file has a weight '${name}' that the model does not`);
  }
  const walk = (node: Params, path: string): void => {
    const entries: [string | number, Params][] = Array.isArray(node) ? node.map((c, i) => [i, c]) : Object.entries(node as Record<string, Params>);
    for (const [key, child] of entries) {
      const p = path === '' ? `${key}` : `${path}.${key}`;
      if (isTensor(child)) (node as Record<string | number, Params>)[key] = weights.get(p)!;
      else walk(child, p);
    }
  };
  if (isTensor(params)) throw new NnError(op, 'a model whose params is a single tensor cannot be loaded in place');
  walk(params, '');
}
