import { type Json, type Layer, NnError, ValueError } from '@nn/tensor';

/**
 * What rebuilds a layer's architecture (not its weights): `kind` names the builder in
 * `layerBuilders`, `config` is its JSON. A type, not an interface, so that it is itself `Json`.
 */
export type LayerDescription = {
  readonly kind: string;
  readonly config: { readonly [key: string]: Json };
};

/**
 * `{ kind, config }` of a layer as a fresh JSON value (safe to `JSON.stringify`, detached from the
 * layer); `buildLayer` turns it back into a layer with params of the same tree and shapes. Throws a
 * ValueError naming the path of anything in `config` that is not JSON (a function, `undefined`,
 * NaN, ±∞, a tensor), rather than letting `JSON.stringify` drop or change it.
 */
export function describeLayer(layer: Layer): LayerDescription {
  assertLayer('describeLayer', layer);
  return { kind: layer.kind, config: cloneJson(layer.config, `${layer.kind}.config`) as LayerDescription['config'] };
}

/** Throws unless `x` has the structure of a Layer (no instanceof: layers are plain objects). */
export function assertLayer(op: string, x: unknown, what = 'layer'): asserts x is Layer {
  const l = x as Partial<Layer> | null;
  if (typeof l !== 'object' || l === null || typeof l.kind !== 'string' || typeof l.forward !== 'function' || typeof l.config !== 'object' || l.config === null || l.params === undefined) {
    throw new NnError(op, `expected ${what} to be a layer { kind, config, params, forward }, got ${x === null ? 'null' : typeof x}`);
  }
}

function cloneJson(value: unknown, path: string): Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValueError('describeLayer', `${path} is ${value}, which JSON cannot hold`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => cloneJson(v, `${path}[${i}]`));
  if (typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneJson(v, `${path}.${k}`);
    return out;
  }
  const got = typeof value === 'object' ? `an instance of ${value.constructor?.name ?? 'a class'}` : typeof value;
  throw new ValueError('describeLayer', `${path} is ${got}, which is not JSON`);
}
