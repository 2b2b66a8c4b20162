import { type Layer, NnError, type Rng, type Tensor, ValueError, add, div, mul, noGrad, sub } from '@nn/tensor';

export interface McDropoutPredictOptions {
  /** N, the number of stochastic forward passes. */
  readonly samples: number;
  /** The generator for the dropout masks (and any other noise) of the passes. */
  readonly rng: Rng;
}

export interface McDropoutPrediction {
  /** The mean of the N outputs, shaped like one output. */
  readonly mean: Tensor;
  /** Their variance, Σ (yₖ − mean)² / N, elementwise (0 for N = 1). */
  readonly variance: Tensor;
}

/**
 * Monte-Carlo dropout: runs `model.forward(x, { training: true, rng })` N times, so every dropout and
 * noise layer draws afresh, and returns the mean of the outputs (an average over N thinned networks,
 * an estimate of the Bayesian predictive mean) and their elementwise variance (a measure of the
 * model's uncertainty). Accumulated with Welford's update, without gradients. Also works for models
 * that apply noise rather than dropout.
 * @see Y. Gal, Z. Ghahramani, "Dropout as a Bayesian approximation: representing model uncertainty in deep learning", ICML 2016
 */
export function mcDropoutPredict(model: Layer, x: Tensor, { samples, rng }: McDropoutPredictOptions): McDropoutPrediction {
  const op = 'mcDropoutPredict';
  if (typeof model !== 'object' || model === null || typeof model.forward !== 'function') {
    throw new NnError(op, `expected a model { kind, config, params, forward }, got ${model === null ? 'null' : typeof model}`);
  }
  if (!Number.isInteger(samples) || samples < 1) throw new ValueError(op, `samples must be an integer ≥ 1, got ${String(samples)}`);
  if (rng === undefined || typeof rng?.fillUniform !== 'function') throw new NnError(op, 'needs a generator: pass { samples, rng: createRng(seed) }');
  return noGrad(() => {
    let mean: Tensor | undefined;
    let m2: Tensor | undefined;
    for (let k = 1; k <= samples; k++) {
      const y = model.forward(x, { training: true, rng });
      if (mean === undefined || m2 === undefined) {
        mean = y;
        m2 = mul(y, 0);
        continue;
      }
      // Welford: mean_k = mean_{k−1} + (y − mean_{k−1})/k; M2 += (y − mean_{k−1})·(y − mean_k).
      const delta = sub(y, mean);
      mean = add(mean, div(delta, k));
      m2 = add(m2, mul(delta, sub(y, mean)));
    }
    return { mean: mean!, variance: div(m2!, samples) };
  });
}
