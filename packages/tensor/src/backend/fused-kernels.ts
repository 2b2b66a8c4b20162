import type { StreamKey } from '../random/keyed-stream';

/**
 * Adam's float32 scalars at step t, as its op chain turns numbers into float32 scalars: β₁, 1 − β₁, β₂,
 * 1 − β₂, s₁ = 1/(1 − β₁ᵗ), s₂ = 1/√(1 − β₂ᵗ), ε, and the factor the update is then multiplied by
 * (−η when the learning rate's scaling is fused in; default 1: none) (a kernel rounds each to float32).
 */
export interface FusedAdamScalars {
  readonly b1: number;
  readonly r1: number;
  readonly b2: number;
  readonly r2: number;
  readonly s1: number;
  readonly s2: number;
  readonly eps: number;
  readonly scale?: number;
}

/** RMSprop's scalars: α, 1 − α, ε, and the variant. */
export interface FusedRmsScalars {
  readonly alpha: number;
  readonly rest: number;
  readonly eps: number;
  readonly centered: boolean;
  readonly epsInsideSqrt: boolean;
}

/**
 * Optional fused kernels a backend may offer next to its primitives (`Backend.fused`): each does in one
 * pass what a chain of ops would, over this backend's storage of `n` float32 elements, and returns this
 * backend's storage of each result (never one of its inputs), or undefined when it cannot (out of
 * memory): the caller then runs its op chain or host loop. Callers (@nn/optim's fused updates, @nn/regularize's
 * dropout and noise) define what each must equal, bit for bit; none is differentiable (inputs are not
 * traced).
 */
export interface FusedKernels {
  /** Adam over [g, m, v] or [g, m, v, vMax] (AMSGrad): [u·scale, m′, v′] or [u·scale, m′, v′, vMax′] (see @nn/optim `adamLeaf`). */
  adamF32?(n: number, inputs: readonly unknown[], k: FusedAdamScalars): unknown[] | undefined;
  /** RMSprop over [g, s] or [g, s, m] (centered): [u, s′] or [u, s′, m′] (see @nn/optim `rmsLeaf`). */
  rmsF32?(n: number, inputs: readonly unknown[], k: FusedRmsScalars): unknown[] | undefined;
  /** Momentum over [g, v]: [v′], or [u, v′] with `nesterov` (see @nn/optim `traceLeaf`). */
  traceF32?(n: number, inputs: readonly unknown[], mu: number, nesterov: boolean): unknown[] | undefined;
  /** Dropout's mask from the keyed stream `key` (`fillKeyedMask` in float32), or x times it when `x` is given. */
  dropoutMaskF32?(n: number, key: StreamKey, p: number, scale: number, x?: unknown): unknown;
  /**
   * Whether every element of x (n of them, float32 or float64) is finite, scanned where x lives (no copy
   * out); undefined to decline (the caller then scans `dataSync()`). See `isAllFinite`.
   */
  allFinite?(n: number, dtype: 'float32' | 'float64', x: unknown): boolean | undefined;
  /** mean + std·z (or x + std·z when `x` is given) from the keyed stream `key`: `fillKeyedNormal`. */
  normalF32?(n: number, key: StreamKey, mean: number, std: number, x?: unknown): unknown;
  /**
   * Noise of per-row spread over y [rows, cols] and x [rows, xCols]: [out, coef] as `fillNormScaledNormal`
   * computes them (`addNormScaledNormal`), bit for bit.
   */
  normScaledNormalF32?(rows: number, cols: number, xCols: number, key: StreamKey, std: number, extra: number, y: unknown, x: unknown): [unknown, unknown] | undefined;
  /** Its gradient to x, given g = ∂L/∂out and its coef: dx as `fillNormScaledNormalGrad` computes it, bit for bit. */
  normScaledNormalGradF32?(rows: number, cols: number, xCols: number, key: StreamKey, g: unknown, x: unknown, coef: unknown): unknown;
}
