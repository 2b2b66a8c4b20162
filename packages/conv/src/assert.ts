import { DTypeError, type Json, NnError, ShapeError, type Tensor, ValueError, formatShape, isTensor } from '@nn/tensor';

/** Throws unless `x` is a float32 or float64 tensor of rank `rank`, naming `op` and the layout it expected. */
export function assertFloatTensor(op: string, x: unknown, what: string, rank: number, layout: string): asserts x is Tensor {
  if (!isTensor(x)) {
    const got = x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x;
    throw new NnError(op, `expected ${what} to be a Tensor, got ${got}; wrap values with tensor()`);
  }
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    throw new DTypeError(op, `expected a float32 or float64 ${what}, got ${x.dtype}`);
  }
  if (x.rank !== rank) throw new ShapeError(op, `expected ${what} of shape ${layout}, got ${formatShape(x.shape)}`);
}

/** Throws unless `config` is a plain object whose keys are all in `keys`: a misspelt option is refused, not defaulted. */
export function assertConfigKeys(op: string, config: { readonly [key: string]: Json }, keys: readonly string[]): void {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new ValueError(op, `expected a config object, got ${JSON.stringify(config)}`);
  }
  const unknown = Object.keys(config).find((k) => !keys.includes(k));
  if (unknown !== undefined) {
    const takes = keys.length === 0 ? 'no options' : keys.map((k) => `'${k}'`).join(', ');
    throw new ValueError(op, `unknown option '${unknown}'; it takes ${takes}`);
  }
}
