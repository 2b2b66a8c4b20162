import { type Params, type Tensor, type TypedArray, fromTypedArray, isTraced, mapTree } from '@nn/tensor';

/** Rounds a result to the leaves' dtype as an op's output would be: `Math.fround` for float32, nothing for float64. */
export type Round = (x: number) => number;

/** The body of a fused update: element i of every output from element i of the inputs, for i < n. */
export type LeafLoop = (n: number, inputs: readonly TypedArray[], outputs: readonly TypedArray[], round: Round) => void;

const keep: Round = (x) => x;

/**
 * (y₁, …, y_k)[i] = f(x₁[i], …, x_j[i]) in one pass over same-shaped float leaves, instead of a chain of
 * elementwise ops that makes a full-size tensor per op: the per-element core of the stateful transforms
 * (Adam's moments, RMSprop's mean square, momentum). `loop` must round every intermediate with `round`
 * exactly where the op chain's results are float32 tensors (and constants where ops would turn numbers
 * into float32 scalars), so that the fused results equal the chain's bit for bit. Returns `outputs` new
 * leaves of the inputs' shape and dtype, in host memory (never a backend's short-lived memory, so state
 * kept between steps is not copied out and back in each step); the inputs are only read.
 *
 * Runs `reference` — the op chain — instead when the fused loop would differ from it: when a gradient
 * may flow through an input (an update being differentiated), when shapes differ (the chain
 * broadcasts), or when the dtypes are not one float dtype (the chain throws its own error).
 */
export function fusedLeafUpdate(inputs: readonly Tensor[], outputs: number, loop: LeafLoop, reference: () => readonly Tensor[]): Tensor[] {
  const [first] = inputs;
  const { dtype, shape } = first;
  const fusable =
    (dtype === 'float32' || dtype === 'float64') &&
    inputs.every((x) => x.dtype === dtype && x.shape.length === shape.length && x.shape.every((d, i) => d === shape[i]) && !isTraced(x));
  if (!fusable) return [...reference()];
  const n = first.size;
  const data = inputs.map((x) => x.dataSync());
  const out = Array.from({ length: outputs }, () => (dtype === 'float32' ? new Float32Array(n) : new Float64Array(n)));
  loop(n, data, out, dtype === 'float32' ? Math.fround : keep);
  return out.map((values) => fromTypedArray(values, shape, dtype));
}

/**
 * Maps `fn`, which returns `k` leaves, over matching leaves of trees of one structure: `k` trees of
 * that structure, the i-th made of every call's i-th leaf.
 */
export function mapTreeMulti(k: number, fn: (...leaves: Tensor[]) => readonly Tensor[], tree: Params, ...others: Params[]): Params[] {
  const results: (readonly Tensor[])[] = [];
  mapTree((...leaves) => {
    const r = fn(...leaves);
    results.push(r);
    return r[0];
  }, tree, ...others);
  return Array.from({ length: k }, (_, j) => {
    let next = 0;
    return mapTree(() => results[next++][j], tree);
  });
}
