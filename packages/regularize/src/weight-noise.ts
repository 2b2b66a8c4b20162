import {
  type Layer, NnError, type Params, type Rng, type Tensor, ValueError, add, addNormScaledNormal, drawStreamKey, isTensor, maximum, mul, sqrt, square, stage, sum, zerosLike,
} from '@nn/tensor';
import { addKeyedNoise } from './keyed-noise';
import { trainingRng } from './layer-input';
import { type LeafSelection, assertSelect, mapSelected, notBias } from './select-leaves';

export interface WeightNoiseOptions {
  /** The leaves of the wrapped layer made noisy: a predicate `(leaf, path) → boolean` or a tree of booleans. Default: every leaf but biases. */
  readonly select?: LeafSelection;
  /**
   * 'example' (the default for dense layers): fresh noisy weights for every example, drawn by the local
   * reparameterization trick: for a dense layer, y = x(W + E) + (b + e) given x is N(xW + b, σ²·(‖x‖² + [b noisy]))
   * for each output, independent across outputs and examples — exactly the distribution of per-example
   * weights — so it is drawn as that: batch × units normals instead of one per weight (16,640 against
   * 203,530 for a 784-256-10 network at batch 64), in one fused pass, and gradients of the same expected
   * loss with less variance, since the examples of a batch no longer share one draw (Kingma, Salimans &
   * Welling 2015). Dense layers only.
   * 'pass' (the default for every other layer): one draw of noisy weights per forward pass, shared by the
   * batch's examples.
   */
  readonly resample?: 'pass' | 'example';
}

/** A weight-noise wrapper is its child: the same params object, and the child for inspection. */
export interface WeightNoiseLayer<L extends Layer = Layer> extends Layer<L['params']> {
  readonly layer: L;
}

/**
 * Training: y = f(x; θ + ε) with ε ~ N(0, σ²) drawn afresh from `ctx.rng` for every selected weight
 * at every forward pass — for every example apart on a dense layer, see `resample`; test: y = f(x; θ).
 * The gradient flows to the clean weights θ (∂(θ + ε)/∂θ = 1), so the wrapped layer learns weights
 * that work despite the noise — a flat minimum, a short description of the weights. `params` is the
 * wrapped layer's own params object, so optimizers and save/load see exactly its weights; config
 * `{ stddev, layer, select?, resample }` holds the child's description (and `select` when it is a mask
 * tree: a predicate cannot be saved, so a rebuilt layer uses the default). The
 * child's forward also gets `ctx`. Training without `ctx.rng` throws. σ = 0 makes it the child. The
 * noise is drawn as `gaussianNoise`'s (float32: a keyed stream, on the wasm backend's SIMD kernel where it runs).
 * @see G. E. Hinton, D. van Camp, "Keeping neural networks simple by minimizing the description length of the weights", COLT 1993
 * @see A. Graves, "Practical variational inference for neural networks", NIPS 24, 2011
 */
export function weightNoise<L extends Layer>(layer: L, stddev: number, { select = notBias, resample: asked }: WeightNoiseOptions = {}): WeightNoiseLayer<L> {
  const op = 'weightNoise';
  if (typeof layer !== 'object' || layer === null || typeof layer.forward !== 'function' || typeof layer.kind !== 'string' || layer.params === undefined) {
    throw new NnError(op, `expected a layer { kind, config, params, forward } to wrap, got ${layer === null ? 'null' : typeof layer}`);
  }
  if (typeof stddev !== 'number' || !Number.isFinite(stddev) || stddev < 0) {
    throw new ValueError(op, `stddev must be a finite number ≥ 0, got ${String(stddev)}`);
  }
  if (isTensor(layer.params)) {
    throw new NnError(op, `the ${layer.kind} layer's params is a bare tensor, which cannot be swapped for noisy weights; give the layer a params object such as { w }`);
  }
  assertSelect(op, select);
  const resample = asked ?? (layer.kind === 'dense' ? 'example' : 'pass');
  if (resample !== 'pass' && resample !== 'example') throw new ValueError(op, `resample must be 'pass' or 'example', got ${String(resample)}`);
  if (resample === 'example' && layer.kind !== 'dense') {
    throw new ValueError(op, `resample: 'example' draws through a dense layer's local reparameterization; got a ${layer.kind} layer (use resample: 'pass')`);
  }
  const config = { stddev, layer: { kind: layer.kind, config: layer.config }, ...(typeof select === 'function' ? {} : { select }), resample };
  return {
    kind: 'weightNoise',
    config,
    params: layer.params,
    layer,
    forward(x, ctx) {
      const rng = trainingRng(op, ctx);
      if (rng === undefined || stddev === 0) return layer.forward(x, ctx);
      if (resample === 'example') return perExample(op, layer as Layer, select, stddev, rng, x, ctx);
      const clean = layer.params;
      const noisy = mapSelected(op, select, (selected, w) => (selected ? addKeyedNoise(w, stddev, rng) : w), clean);
      // NOTE: a layer reads its weights from its own params object at call time, so the noisy weights
      // are put there for the child's forward pass and the clean ones put back at once, even on a throw.
      // The noisy tensors are traced from the clean ones, so autodiff reaches θ.
      const saved = assign(clean, noisy);
      try {
        return layer.forward(x, ctx);
      } finally {
        assign(clean, saved);
      }
    },
  };
}

/** Puts the leaves of `source` into the containers of `target` (same structure); returns the tree that was there. */
function assign(target: Params, source: Params): Params {
  if (isTensor(target)) return target;
  const t = target as { [key: string]: Params };
  const s = source as { readonly [key: string]: Params };
  const old: { [key: string]: Params } = Array.isArray(target) ? ([] as unknown as { [key: string]: Params }) : {};
  for (const key of Object.keys(t)) {
    const leaf = t[key];
    if (isTensor(leaf)) {
      old[key] = leaf;
      t[key] = s[key] as Tensor;
    } else {
      old[key] = assign(leaf, s[key]);
    }
  }
  return old as Params;
}

/** Below this, ‖x‖² counts as 0: √ of it has no finite derivative at 0, so `maximum` takes over there (its gradient to ‖x‖² is then 0). */
const TINY_SQUARED_NORM = 1e-30;

/**
 * A dense layer's output with per-example weight noise (the local reparameterization): y + σ·s·ε,
 * s = √(‖x‖² [if W is noisy] + 1 [if b is noisy]) over the last axis, ε ~ N(0, 1) of y's shape.
 */
function perExample(op: string, layer: Layer, select: LeafSelection, stddev: number, rng: Rng, x: Tensor, ctx: Parameters<Layer['forward']>[1]): Tensor {
  const noisy = new Set<Tensor>();
  mapSelected(op, select, (selected, leaf) => {
    if (selected) noisy.add(leaf);
    return leaf;
  }, layer.params);
  const { w, b } = layer.params as { w: Tensor; b?: Tensor };
  const [noisyW, noisyB] = [noisy.has(w), b !== undefined && noisy.has(b)];
  if (!noisyW) {
    const y = layer.forward(x, ctx);
    return noisyB ? addKeyedNoise(y, stddev, rng) : y;
  }
  // NOTE: the product, its weight gradient and the row norms read x: one copy where the kernels read it
  x = stage(x);
  const y = layer.forward(x, ctx);
  // float32: one fused pass (and one for the gradient); float64: the op chain, with randn's double-precision normals
  if (y.dtype === 'float32' && x.dtype === 'float32') return addNormScaledNormal(y, x, drawStreamKey(rng), stddev, noisyB ? 1 : 0);
  const squaredNorm = maximum(sum(square(x), -1, true), TINY_SQUARED_NORM);
  const spread = sqrt(noisyB ? add(squaredNorm, 1) : squaredNorm);
  return add(y, mul(addKeyedNoise(zerosLike(y), stddev, rng), spread));
}
