import { type GradientTransformation, type Rng, type Schedule, type Tensor, ValueError, add, mapTree, mul, randn } from '@nn/tensor';

export interface SgldOptions {
  /** ε, the step size, or a schedule ε_t (Welling & Teh decay it as a·(b + t)^−γ with γ ∈ (0.5, 1]). */
  readonly learningRate: number | Schedule;
  /** N, the number of training samples: the mean loss of a mini-batch times N estimates the full data term. */
  readonly datasetSize: number;
  /** λ of the Gaussian prior N(0, 1/λ) on every weight; 0 is a flat prior. Default 1. */
  readonly priorPrecision?: number;
  /** T: the noise is N(0, T·ε); 1 (default) samples the posterior, T < 1 a "cold" sharpened one. */
  readonly temperature?: number;
  /** The generator of the injected noise. */
  readonly rng: Rng;
}

/** How many updates this transform has made: the step its schedule is read at. */
export interface SgldState {
  readonly count: number;
}

/**
 * Stochastic-gradient Langevin dynamics: u = −(ε_t/2)·(N·g + λ·θ) + √(T·ε_t)·ξ, ξ ~ N(0, I), where g is
 * the gradient of the mini-batch's mean loss (the mean negative log-likelihood per sample, as
 * softmax cross-entropy is; ½·squared error is one for unit-variance Gaussian noise), N the data-set
 * size and λ the prior precision. Half a gradient step on the log-posterior plus Gaussian noise of
 * variance ε: as ε → 0 the iterates are samples from the posterior p(θ | data) ∝ p(data | θ)·p(θ), so
 * averaging the predictions of weights taken along the way (`posteriorSamples`) approximates Bayesian
 * model averaging. Use it alone, not chained after another rate: the update is already scaled.
 * At a finite ε the chain is slightly too wide (for a Gaussian posterior of precision P the stationary
 * variance is 1/(P·(1 − ε·P/4))), and mini-batch gradient noise widens it further.
 * @see Welling & Teh (2011), "Bayesian learning via stochastic gradient Langevin dynamics".
 * @see Neal (2011), "MCMC using Hamiltonian dynamics" (Langevin as one leapfrog step).
 */
export function sgld({ learningRate, datasetSize, priorPrecision = 1, temperature = 1, rng }: SgldOptions): GradientTransformation<SgldState> {
  const op = 'sgld';
  if (typeof learningRate !== 'function') checkNonNegative(op, learningRate, 'learningRate');
  if (!Number.isInteger(datasetSize) || datasetSize < 1) throw new ValueError(op, `datasetSize must be a positive integer, got ${datasetSize}`);
  checkNonNegative(op, priorPrecision, 'priorPrecision');
  checkNonNegative(op, temperature, 'temperature');
  if (typeof rng?.fillNormal !== 'function') throw new ValueError(op, 'rng must be a generator from createRng(seed): the noise must repeat');
  const rateAt = typeof learningRate === 'function' ? learningRate : () => learningRate;
  return {
    init: () => ({ count: 0 }),
    update(grads, { count }, params) {
      const eps = rateAt(count);
      if (typeof learningRate === 'function') checkNonNegative(op, eps, `the schedule's value at step ${count}`);
      if (priorPrecision > 0 && params === undefined) {
        throw new ValueError(op, `the prior's gradient λ·θ needs the params: call update(grads, state, params) (λ = ${priorPrecision})`);
      }
      const noiseStd = Math.sqrt(temperature * eps);
      const step = (g: Tensor, p?: Tensor): Tensor => {
        const drift = mul(p === undefined ? mul(g, datasetSize) : add(mul(g, datasetSize), mul(p, priorPrecision)), -eps / 2);
        return noiseStd === 0 ? drift : add(drift, randn(g.shape, { rng, dtype: g.dtype === 'float64' ? 'float64' : 'float32', std: noiseStd }));
      };
      const updates = priorPrecision > 0 ? mapTree((g, p) => step(g, p), grads, params!) : mapTree((g) => step(g), grads);
      return [updates, { count: count + 1 }];
    },
  };
}

function checkNonNegative(op: string, value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValueError(op, `${what} must be a finite number ≥ 0, got ${String(value)}`);
  }
}
