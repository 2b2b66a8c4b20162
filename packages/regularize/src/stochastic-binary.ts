import { type Layer, add, less, randu, sigmoid, stopGradient, sub } from '@nn/tensor';
import { assertFloatInput, trainingRng } from './layer-input';

/** A stochastic binary layer holds no weights. */
export type StochasticBinaryParams = { readonly [key: string]: never };

/**
 * Logistic stochastic binary units: training, sᵢ = 1 with probability σ(aᵢ) and 0 otherwise (a fresh
 * draw from `ctx.rng` per element); test, the expected value σ(a). The backward pass treats the
 * sample as if it were σ(a): ∂s/∂a := σ(a)(1 − σ(a)) (a straight-through estimator with the logistic
 * derivative), so backpropagation trains through the noise. Training without `ctx.rng` throws.
 * @see G. E. Hinton, Neural Networks for Machine Learning, lecture 9 (2012): stochastic binary units
 * @see Y. Bengio, N. Léonard, A. Courville, "Estimating or propagating gradients through stochastic neurons for conditional computation", arXiv:1308.3432, 2013
 */
export function stochasticBinary(): Layer<StochasticBinaryParams> {
  const op = 'stochasticBinary';
  return {
    kind: 'stochasticBinary',
    config: {},
    params: {},
    forward(a, ctx) {
      assertFloatInput(op, a);
      const rng = trainingRng(op, ctx);
      const p = sigmoid(a);
      if (rng === undefined) return p;
      const s = less(randu(a.shape, { rng, dtype: a.dtype }), p); // 1 with probability σ(a); no gradient
      // NOTE: s + (p − stop(p)), not p + stop(s − p): the value is s exactly (p − p is 0 in any
      // precision), while the gradient is σ'(a) from p.
      return add(s, sub(p, stopGradient(p)));
    },
  };
}
