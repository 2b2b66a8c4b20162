import { type Layer, type Params, ShapeError, isTensor } from '@nn/tensor';

/**
 * Writes the leaves of `source` into the tree `target` in place (its objects and arrays are mutated,
 * as `applyUpdates` does), so that a layer holding `target` sees them. The trees must match in
 * structure and leaf shapes; nothing is written unless they do. Returns a tree of the replaced leaves.
 */
export function replaceLeaves(op: string, target: Params, source: Params): Params {
  check(op, target, source, '');
  return swap(target, source);
}

/**
 * A layer of `model`'s kind and config whose weights are `params` (a tree shaped like `model.params`):
 * its forward pass runs `model.forward` with these weights swapped in, then puts the model's back.
 * How a posterior sample or a restored snapshot is used without building a new model.
 */
export function layerWithParams(op: string, model: Layer, params: Params): Layer {
  check(op, model.params, params, '');
  return {
    kind: model.kind,
    config: model.config,
    params,
    forward(x, ctx) {
      const saved = swap(model.params, params);
      try {
        return model.forward(x, ctx);
      } finally {
        swap(model.params, saved);
      }
    },
  };
}

function swap(target: Params, source: Params): Params {
  if (Array.isArray(target)) {
    return target.map((child: Params, i) => {
      if (!isTensor(child)) return swap(child, (source as readonly Params[])[i]);
      (target as Params[])[i] = (source as readonly Params[])[i];
      return child;
    });
  }
  const out: Record<string, Params> = {};
  const t = target as Record<string, Params>;
  const s = source as Record<string, Params>;
  for (const key of Object.keys(t)) {
    if (isTensor(t[key])) {
      out[key] = t[key];
      t[key] = s[key];
    } else out[key] = swap(t[key], s[key]);
  }
  return out;
}

function check(op: string, a: Params, b: Params, path: string): void {
  const where = path || 'the root';
  if (isTensor(a) || isTensor(b)) {
    if (!isTensor(a) || !isTensor(b) || a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
      const show = (x: Params) => (isTensor(x) ? `[${x.shape.join(',')}]` : Array.isArray(x) ? 'an array' : 'an object');
      throw new ShapeError(op, `weights differ from the model's at ${where}: ${show(b)} given, ${show(a)} expected`);
    }
    return;
  }
  if (Array.isArray(a) !== Array.isArray(b) || typeof b !== 'object' || b === null) {
    throw new ShapeError(op, `weights differ in structure from the model's at ${where}`);
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k) => !(k in b))) {
    throw new ShapeError(op, `weights differ from the model's at ${where}: keys ${kb.join(', ')} given, ${ka.join(', ')} expected`);
  }
  for (const k of ka) check(op, (a as Record<string, Params>)[k], (b as Record<string, Params>)[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`);
}
