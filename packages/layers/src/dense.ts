import { DTypeError, type FloatDType, type Layer, type Rng, ShapeError, type Tensor, ValueError, add, matmul } from '@nn/tensor';
import { assertFloatTensor } from './assert-float-tensor';
import type { Initializer } from './initializers/initializer';
import { describeInitializer } from './initializers/initializers';
import { lecunNormal } from './initializers/lecun-normal';
import { zerosInit } from './initializers/zeros-init';

export interface DenseOptions {
  /** Initializer of W ([inFeatures, outFeatures]). Default `lecunNormal` (σ = 1/√inFeatures). */
  readonly init?: Initializer;
  /** Initializer of b ([outFeatures]). Default `zerosInit`. */
  readonly biasInit?: Initializer;
  /** The generator the initializers draw from; default: @nn/tensor's process-wide one (seeded with 0). */
  readonly rng?: Rng;
  /** Dtype of the weights, and so of the inputs it accepts. Default 'float32'. */
  readonly dtype?: FloatDType;
  /** Whether to add b. Default true. */
  readonly useBias?: boolean;
}

/** The weights of a dense layer: W is [inFeatures, outFeatures], b is [outFeatures]. */
export type DenseParams = { w: Tensor; b: Tensor };

/**
 * y = x·W + b, W: [inFeatures, outFeatures], b: [outFeatures] — a layer of linear units, each output
 * the weighted sum of every input plus a bias. x is [N, inFeatures] (any leading axes: the last one
 * holds the features); a mismatch throws a ShapeError and another dtype a DTypeError. `forward`
 * reads `params` at call time, so optimizers update the layer by replacing `params.w` / `params.b`.
 * @see F. Rosenblatt, "The perceptron: a probabilistic model for information storage and organization in the brain", Psychological Review 65(6), 1958
 */
export function dense(inFeatures: number, outFeatures: number, options: DenseOptions & { readonly useBias: false }): Layer<{ w: Tensor }>;
export function dense(inFeatures: number, outFeatures: number, options?: DenseOptions & { readonly useBias?: true }): Layer<DenseParams>;
export function dense(inFeatures: number, outFeatures: number, options?: DenseOptions): Layer<{ w: Tensor; b?: Tensor }>;
export function dense(
  inFeatures: number,
  outFeatures: number,
  { init = lecunNormal, biasInit = zerosInit, rng, dtype = 'float32', useBias = true }: DenseOptions = {},
): Layer<{ w: Tensor; b?: Tensor }> {
  const op = 'dense';
  for (const [what, n] of [['inFeatures', inFeatures], ['outFeatures', outFeatures]] as const) {
    if (!(Number.isInteger(n) && n >= 1)) throw new ValueError(op, `${what} must be a positive integer, got ${String(n)}`);
  }
  if (dtype !== 'float32' && dtype !== 'float64') throw new DTypeError(op, `dtype must be 'float32' or 'float64', got ${String(dtype)}`);
  if (typeof useBias !== 'boolean') throw new ValueError(op, `useBias must be true or false, got ${String(useBias)}`);
  if (typeof init !== 'function' || typeof biasInit !== 'function') {
    throw new ValueError(op, 'init and biasInit must be initializers, (shape, { rng, dtype }) → Tensor');
  }
  const w = initialize(init, [inFeatures, outFeatures], rng, dtype, 'init');
  const params: { w: Tensor; b?: Tensor } = useBias ? { w, b: initialize(biasInit, [outFeatures], rng, dtype, 'biasInit') } : { w };
  return {
    kind: 'dense',
    config: {
      inFeatures,
      outFeatures,
      useBias,
      dtype,
      init: describeInitializer(init),
      biasInit: describeInitializer(biasInit),
    },
    params,
    forward(x) {
      assertFloatTensor(op, x);
      if (x.rank === 0 || x.shape[x.rank - 1] !== inFeatures) {
        throw new ShapeError(op, `expected input of shape [N,${inFeatures}], got [${x.shape.join(',')}]`);
      }
      if (x.dtype !== dtype) {
        throw new DTypeError(op, `expected a ${dtype} input (the dtype of its weights), got ${x.dtype}; cast it with cast(x, '${dtype}')`);
      }
      const y = matmul(x, params.w);
      return params.b === undefined ? y : add(y, params.b);
    },
  };
}

/** Runs an initializer and checks that it kept its promise (hand-written ones may not). */
function initialize(init: Initializer, shape: number[], rng: Rng | undefined, dtype: FloatDType, what: string): Tensor {
  const t = init(shape, { rng, dtype });
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new ShapeError('dense', `${what} returned shape [${t.shape.join(',')}], expected [${shape.join(',')}]`);
  }
  if (t.dtype !== dtype) throw new DTypeError('dense', `${what} returned ${t.dtype}, expected ${dtype}`);
  return t;
}
