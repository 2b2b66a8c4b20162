import { type Layer, ValueError } from '@nn/tensor';
import { addKeyedNoise } from './keyed-noise';
import { assertFloatInput, trainingRng } from './layer-input';

/** A noise layer holds no weights. */
export type GaussianNoiseParams = { readonly [key: string]: never };

/**
 * Training: y = x + ε, ε ~ N(0, σ²) drawn from `ctx.rng` for every element; test: y = x. On the
 * inputs it acts like an L2 penalty on the weights for a linear unit (Bishop); on hidden activities it
 * makes units robust to their neighbours' noise. σ = 0 makes the layer the identity. Training without
 * `ctx.rng` throws. Cost: one normal draw and one addition per element; in float32 the draws come from a
 * keyed stream (`fillKeyedNormal`, Box–Muller) whose key is drawn from `ctx.rng` at each call, made by the
 * wasm backend's SIMD kernel where it runs, the same numbers on every backend; float64 draws from
 * `ctx.rng` itself.
 * @see C. M. Bishop, "Training with noise is equivalent to Tikhonov regularization", Neural Computation 7(1), 1995
 */
export function gaussianNoise(stddev: number): Layer<GaussianNoiseParams> {
  const op = 'gaussianNoise';
  if (typeof stddev !== 'number' || !Number.isFinite(stddev) || stddev < 0) {
    throw new ValueError(op, `stddev must be a finite number ≥ 0, got ${String(stddev)}`);
  }
  return {
    kind: 'gaussianNoise',
    config: { stddev },
    params: {},
    forward(x, ctx) {
      assertFloatInput(op, x);
      const rng = trainingRng(op, ctx);
      if (rng === undefined || stddev === 0) return x;
      return addKeyedNoise(x, stddev, rng);
    },
  };
}
