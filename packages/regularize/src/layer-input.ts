import { DTypeError, type FloatDType, type ForwardContext, NnError, type Rng, type Tensor, isTensor } from '@nn/tensor';

/** Throws unless `x` is a float32 or float64 tensor, naming `op`. @internal */
export function assertFloatInput(op: string, x: unknown): asserts x is Tensor & { readonly dtype: FloatDType } {
  if (!isTensor(x)) throw new NnError(op, `expected a Tensor, got ${x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x}`);
  if (x.dtype !== 'float32' && x.dtype !== 'float64') throw new DTypeError(op, `expected a float32 or float64 input, got ${x.dtype}`);
}

/**
 * The generator to draw from when `ctx.training` is set; undefined at inference. Training without
 * `ctx.rng` throws rather than falling back to a hidden global generator, so that every training run
 * repeats exactly (`fit` always passes one). @internal
 */
export function trainingRng(op: string, ctx: ForwardContext | undefined): Rng | undefined {
  if (ctx?.training !== true) return undefined;
  const rng = ctx.rng;
  if (rng === undefined || typeof rng.fillUniform !== 'function') {
    throw new NnError(op, 'training needs a generator: call forward(x, { training: true, rng: createRng(seed) }) (fit passes one)');
  }
  return rng;
}
