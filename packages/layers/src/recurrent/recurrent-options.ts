import { DTypeError, type FloatDType, type Rng, ShapeError, type Tensor, ValueError } from '@nn/tensor';
import type { Initializer } from '../initializers/initializer';
import { describeInitializer } from '../initializers/initializers';
import { smallUniform } from '../initializers/small-uniform';
import { zerosInit } from '../initializers/zeros-init';

/** The options every recurrent layer takes. */
export interface RecurrentOptions {
  /** Output every step's hidden state, [N, T, units] (for stacking), instead of the last, [N, units]. Default false. */
  readonly returnSequences?: boolean;
  /** Read the sequence from its last step to its first (the backward half of `bidirectional`). Default false. */
  readonly reverse?: boolean;
  /**
   * Truncated backpropagation through time: the steps are cut into chunks of this many, and the state
   * entering each chunk is a constant to autodiff (stopGradient), so no gradient flows back further
   * than the start of its chunk. The forward values are unchanged. Default null: through every step.
   */
  readonly bpttSteps?: number | null;
  /** Initializer of the input weights W ([F, gates·units]). Default U(−1/√units, 1/√units), as PyTorch. */
  readonly init?: Initializer;
  /** Initializer of the recurrent weights U ([units, gates·units]). Default U(−1/√units, 1/√units), as PyTorch. */
  readonly recurrentInit?: Initializer;
  /** Initializer of the biases. Default zeros. */
  readonly biasInit?: Initializer;
  /** The generator the initializers draw from; default: @nn/tensor's process-wide one. */
  readonly rng?: Rng;
  /** Dtype of the weights, and so of the inputs and states it accepts. Default 'float32'. */
  readonly dtype?: FloatDType;
}

/** RecurrentOptions checked and with their defaults. */
export interface ResolvedRecurrentOptions {
  readonly returnSequences: boolean;
  readonly reverse: boolean;
  readonly bpttSteps: number | null;
  readonly init: Initializer;
  readonly recurrentInit: Initializer;
  readonly biasInit: Initializer;
  readonly rng: Rng | undefined;
  readonly dtype: FloatDType;
}

/** Checks the sizes and options of the recurrent layer `op` and fills in the defaults. */
export function resolveRecurrentOptions(op: string, inFeatures: number, units: number, options: RecurrentOptions): ResolvedRecurrentOptions {
  for (const [what, n] of [['inFeatures', inFeatures], ['units', units]] as const) {
    if (!(Number.isInteger(n) && n >= 1)) throw new ValueError(op, `${what} must be a positive integer, got ${String(n)}`);
  }
  const uniform = smallUniform({ scale: 1 / Math.sqrt(units) });
  const {
    returnSequences = false, reverse = false, bpttSteps = null, init = uniform, recurrentInit = uniform,
    biasInit = zerosInit, rng, dtype = 'float32',
  } = options;
  if (dtype !== 'float32' && dtype !== 'float64') throw new DTypeError(op, `dtype must be 'float32' or 'float64', got ${String(dtype)}`);
  if (typeof returnSequences !== 'boolean') throw new ValueError(op, `returnSequences must be true or false, got ${String(returnSequences)}`);
  if (typeof reverse !== 'boolean') throw new ValueError(op, `reverse must be true or false, got ${String(reverse)}`);
  if (bpttSteps !== null && !(Number.isInteger(bpttSteps) && bpttSteps >= 1)) {
    throw new ValueError(op, `bpttSteps must be a positive integer or null, got ${String(bpttSteps)}`);
  }
  for (const [what, f] of [['init', init], ['recurrentInit', recurrentInit], ['biasInit', biasInit]] as const) {
    if (typeof f !== 'function') throw new ValueError(op, `${what} must be an initializer, (shape, { rng, dtype }) → Tensor`);
  }
  return { returnSequences, reverse, bpttSteps, init, recurrentInit, biasInit, rng, dtype };
}

/** The config entries every recurrent layer shares (its own come first). */
export function recurrentConfig(inFeatures: number, units: number, o: ResolvedRecurrentOptions) {
  return {
    inFeatures,
    units,
    returnSequences: o.returnSequences,
    reverse: o.reverse,
    bpttSteps: o.bpttSteps,
    dtype: o.dtype,
    init: describeInitializer(o.init),
    recurrentInit: describeInitializer(o.recurrentInit),
    biasInit: describeInitializer(o.biasInit),
  };
}

/** Runs an initializer and checks that it kept its promise (hand-written ones may not). */
export function initWeight(op: string, init: Initializer, shape: number[], o: ResolvedRecurrentOptions, what: string): Tensor {
  const t = init(shape, { rng: o.rng, dtype: o.dtype });
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new ShapeError(op, `${what} returned shape [${t.shape.join(',')}], expected [${shape.join(',')}]`);
  }
  if (t.dtype !== o.dtype) throw new DTypeError(op, `${what} returned ${t.dtype}, expected ${o.dtype}`);
  return t;
}
