import { type FusedKernels, type Params, Tensor, type TypedArray, fromTypedArray, getBackend, isRecordingStep, isTraced, mapTree } from '@nn/tensor';
import { markFusedResult } from '../dispose-superseded-state';

/** The body of a fused update: element i of every output from element i of the inputs, for i < n. */
export type LeafLoop = (n: number, inputs: readonly TypedArray[], outputs: readonly TypedArray[]) => void;

/**
 * One loop per dtype. The float32 one rounds every intermediate with `Math.fround` exactly where the op
 * chain's results are float32 tensors (and constants where ops turn numbers into float32 scalars); the
 * float64 one rounds nothing.
 */
export interface LeafLoops {
  readonly float32: LeafLoop;
  readonly float64: LeafLoop;
}

/**
 * The backend's fused kernel for the same update (see `FusedKernels` in @nn/tensor), given this backend's
 * storage of the n float32 elements of each input: the outputs' storage, or undefined when the backend has
 * no such kernel or it could not run.
 */
export type FusedKernelCall = (fused: FusedKernels, n: number, inputs: readonly unknown[]) => unknown[] | undefined;

/**
 * (y₁, …, y_k)[i] = f(x₁[i], …, x_j[i]) in one pass over same-shaped float leaves, instead of a chain of
 * elementwise ops that makes a full-size tensor per op: the per-element core of the stateful transforms
 * (Adam's moments, RMSprop's mean square, momentum). `loops` must give the chain's results bit for bit
 * (see `LeafLoops`). Returns `outputs` new
 * leaves of the inputs' shape and dtype, in host memory (never a backend's short-lived memory, so state
 * kept between steps is not copied out and back in each step); the inputs are only read.
 *
 * Runs `reference` — the op chain — instead when the fused loop would differ from it: when a gradient
 * may flow through an input (an update being differentiated), while `replayable` records a step (the
 * recording sees ops, not a loop on the host), when shapes differ (the chain
 * broadcasts), or when the dtypes are not one float dtype (the chain throws its own error).
 * Fused results are marked for `disposeSupersededState`.
 *
 * In float32, on a backend with the fused kernel `kernel` asks for (the wasm backend's SIMD updates,
 * which give the same bits), that kernel runs instead of the loop: over the inputs where they lie (wasm
 * memory, inside `tidy`), its outputs this backend's storage.
 */
export function fusedLeafUpdate(inputs: readonly Tensor[], outputs: number, loops: LeafLoops, reference: () => readonly Tensor[], kernel?: FusedKernelCall): Tensor[] {
  const [first] = inputs;
  const { dtype, shape } = first;
  const fusable =
    !isRecordingStep() &&
    (dtype === 'float32' || dtype === 'float64') &&
    inputs.every((x) => x.dtype === dtype && x.shape.length === shape.length && x.shape.every((d, i) => d === shape[i]) && !isTraced(x));
  if (!fusable) return [...reference()];
  const n = first.size;
  if (dtype === 'float32' && kernel !== undefined) {
    const backend = getBackend();
    const fused = backend.fused;
    const storage = fused === undefined ? undefined : kernel(fused, n, inputs.map((x) => (x.backend === backend ? x.storage : x.dataSync())));
    if (storage !== undefined) return storage.map((s) => markFusedResult(new Tensor(shape, dtype, s, backend)));
  }
  const data = inputs.map((x) => x.dataSync());
  const out = Array.from({ length: outputs }, () => (dtype === 'float32' ? new Float32Array(n) : new Float64Array(n)));
  // NOTE: two loops, not one taking a rounding function: V8 does not inline a function passed in, and
  // each call would then box its double result (ten times slower, and garbage for the GC).
  loops[dtype](n, data, out);
  return out.map((values) => markFusedResult(fromTypedArray(values, shape, dtype)));
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
