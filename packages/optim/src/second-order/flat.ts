// Plain-number vectors over a Params tree, shared by the full-batch and second-order methods.
// NOTE: not flattenParams: that concatenates tensors and needs one dtype, while a model may mix
// float32 and float64 leaves; these methods do their O(n) vector algebra in float64 numbers anyway.
import { type Params, type Tensor, type UpdateContext, ValueError, fromTypedArray, mapTree, treeLeaves } from '@nn/tensor';

/** Every element of `tree`, leaves in tree order, each row-major, as float64 numbers. */
export function toFlat(tree: Params): number[] {
  const out: number[] = [];
  for (const leaf of treeLeaves(tree)) {
    const data = leaf.dataSync();
    for (let i = 0; i < data.length; i++) out.push(data[i]);
  }
  return out;
}

/** Cuts `values` into a tree shaped like `like`, each leaf in the dtype of `like`'s leaf there. */
export function fromFlat<P extends Params>(values: ArrayLike<number>, like: P): P {
  let at = 0;
  return mapTree((leaf: Tensor) => {
    const data = leaf.dtype === 'float32' ? new Float32Array(leaf.size) : new Float64Array(leaf.size);
    for (let i = 0; i < leaf.size; i++) data[i] = values[at + i];
    at += leaf.size;
    return fromTypedArray(data, leaf.shape, leaf.dtype);
  }, like);
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** a + t·b */
export function axpy(a: readonly number[], t: number, b: readonly number[]): number[] {
  return a.map((ai, i) => ai + t * b[i]);
}

export function scaled(a: readonly number[], t: number): number[] {
  return a.map((ai) => ai * t);
}

export type LossAndGrad = (params: Params) => { readonly loss: number; readonly grads: Params };

/** ctx.lossAndGrad, or a ValueError naming `op` that says what to pass. */
export function requireLossAndGrad(op: string, ctx: UpdateContext | undefined): LossAndGrad {
  if (ctx?.lossAndGrad === undefined) {
    throw new ValueError(
      op,
      'needs ctx.lossAndGrad, the loss and gradient at other params: call update(grads, state, params, { loss, lossAndGrad }) ' +
        "(fit with batchSize: 'full' and minimize pass it)",
    );
  }
  return ctx.lossAndGrad;
}

/** params, or a ValueError naming `op`. */
export function requireParams<P extends Params>(op: string, params: P | undefined): P {
  if (params === undefined) throw new ValueError(op, 'needs the current params: call update(grads, state, params, ctx)');
  return params;
}

/** Throws a ValueError naming `op` unless `value` is a finite number in (low, high) (or [low, …] with `lowInclusive`). */
export function checkRange(op: string, name: string, value: number, low: number, high: number, lowInclusive = false): void {
  const ok = typeof value === 'number' && Number.isFinite(value) && (lowInclusive ? value >= low : value > low) && value < high;
  if (!ok) {
    const range = `${lowInclusive ? '[' : '('}${low}, ${high === Infinity ? '∞' : high})`;
    throw new ValueError(op, `${name} must be a finite number in ${range}, got ${String(value)}`);
  }
}

/** Throws a ValueError naming `op` unless `value` is an integer ≥ `min`. */
export function checkInteger(op: string, name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new ValueError(op, `${name} must be an integer ≥ ${min}, got ${String(value)}`);
}
