import type { GradientTransformation, Schedule } from '@nn/tensor';
import { chain } from '../chain';
import { checkNumber, named } from '../transforms/check';
import { type ScaleByAdagradOptions, type ScaleByAdagradState, scaleByAdagrad } from '../transforms/scale-by-adagrad';
import { type ScaleByLearningRateState, scaleByLearningRate } from '../transforms/scale-by-learning-rate';

export interface AdagradOptions extends ScaleByAdagradOptions {
  /** d (≥ 0): the rate at step t (from 0) is η/(1 + t·d). Default 0, as PyTorch's `lr_decay`. */
  readonly lrDecay?: number;
}

/** The chain's states: the sum of squared gradients, then the rate's step count. */
export type AdagradState = readonly [ScaleByAdagradState, ScaleByLearningRateState];

/**
 * Adagrad: G ← G + g², θ ← θ − η_t·g/(√G + ε) with η_t = η/(1 + t·d); exactly `torch.optim.Adagrad`
 * with its defaults (η = 1e-2, d = 0, G₀ = 0, ε = 1e-10). Its steps shrink like 1/√t on a steady
 * gradient, so on a long valley such as Rosenbrock's it slows down long before the minimum.
 * @see Duchi, Hazan, Singer (2011), "Adaptive subgradient methods for online learning and stochastic optimization".
 */
export function adagrad(learningRate: number | Schedule = 1e-2, { lrDecay = 0, ...options }: AdagradOptions = {}): GradientTransformation<AdagradState> {
  checkNumber('adagrad', 'lrDecay', lrDecay, { min: 0 });
  const rate = lrDecay === 0 ? learningRate : (t: number) => (typeof learningRate === 'function' ? learningRate(t) : learningRate) / (1 + t * lrDecay);
  if (lrDecay !== 0 && typeof learningRate === 'number') checkNumber('adagrad', 'learningRate', learningRate, { min: 0 });
  return named('adagrad', 2, chain(scaleByAdagrad(options), scaleByLearningRate(rate)));
}
