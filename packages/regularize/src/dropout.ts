import { type Layer, ValueError, drawStreamKey, mul, mulKeyedMask } from '@nn/tensor';
import { assertFloatInput, trainingRng } from './layer-input';

export interface DropoutOptions {
  /**
   * 'inverted' (default; PyTorch, Keras): kept units are scaled by 1/(1 − p) while training, and the
   * layer is the identity at test time. 'scale-at-test' (the course's and Hinton et al.'s form): units
   * are dropped without scaling while training, and every output is multiplied by (1 − p) at test time.
   */
  readonly mode?: 'inverted' | 'scale-at-test';
}

/** A dropout layer holds no weights. */
export type DropoutParams = { readonly [key: string]: never };

/**
 * Training: yᵢ = mᵢ·xᵢ·s with mᵢ ~ Bernoulli(1 − p) drawn from `ctx.rng` for every element, and
 * s = 1/(1 − p) ('inverted') or 1 ('scale-at-test'). Test: y = x ('inverted') or y = (1 − p)·x
 * ('scale-at-test'). Either way the expected output while training equals the output at test time.
 * `rate` p ∈ [0, 1) is the probability of dropping a unit; 0 makes the layer the identity. Each
 * layer takes its own rate (Srivastava et al.: about 0.2 on inputs, 0.5 on hidden units). Training
 * without `ctx.rng` throws. Cost: one multiplication per element and the mask: m comes from a keyed
 * stream (`fillKeyedMask`) whose key is drawn from `ctx.rng` at each call, made in one pass, by the wasm
 * backend's SIMD kernel where it runs, the same mask on every backend.
 * @see N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever, R. Salakhutdinov, "Dropout: a simple way to prevent neural networks from overfitting", JMLR 15, 2014
 * @see G. E. Hinton et al., "Improving neural networks by preventing co-adaptation of feature detectors", arXiv:1207.0580, 2012
 */
export function dropout(rate: number, { mode = 'inverted' }: DropoutOptions = {}): Layer<DropoutParams> {
  const op = 'dropout';
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) throw new ValueError(op, `rate must be in [0, 1), got ${String(rate)}`);
  if (mode !== 'inverted' && mode !== 'scale-at-test') throw new ValueError(op, `mode must be 'inverted' or 'scale-at-test', got ${String(mode)}`);
  const keep = 1 - rate;
  return {
    kind: 'dropout',
    config: { rate, mode },
    params: {},
    forward(x, ctx) {
      assertFloatInput(op, x);
      const rng = trainingRng(op, ctx);
      if (rate === 0) return x;
      if (rng === undefined) return mode === 'inverted' ? x : mul(x, keep);
      // NOTE: one pass where the backend has the kernel (the mask never stored; the gradient is the same op on g)
      return mulKeyedMask(x, drawStreamKey(rng), rate, mode === 'inverted' ? 1 / keep : 1);
    },
  };
}

