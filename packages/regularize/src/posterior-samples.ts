import { type Layer, type Params, type TrainingCallback, ValueError, mapTree } from '@nn/tensor';
import { type EnsembleCombine, type EnsembleLayer, ensemble } from './ensemble';
import { layerWithParams } from './ensemble-leaves';

export interface PosteriorSamplesOptions {
  /** Updates to let pass before the first sample, while the chain forgets its start. */
  readonly burnIn: number;
  /** Keep every `thin`-th weight vector after the burn-in (consecutive ones are strongly correlated). Default 1. */
  readonly thin?: number;
  /** Keep at most this many, the latest ones (each costs one model's weights in memory). Default unlimited. */
  readonly maxSamples?: number;
}

/** The callback also holds the samples and turns them into an ensemble. */
export interface PosteriorSamplesCallback extends TrainingCallback {
  /** The weight trees kept so far, oldest first. */
  readonly samples: readonly Params[];
  /** The model trained (known once training has begun). */
  readonly model: Layer | undefined;
  /**
   * One member per sample, each the trained model with the sample's weights swapped in for its
   * forward pass, combined by `ensemble` (default 'arithmetic': the posterior predictive mean of
   * the probabilities; 'mean' for regression). `ensembleSpread` gives the samples' disagreement.
   */
  ensemble(options?: { readonly combine?: EnsembleCombine }): EnsembleLayer;
}

/**
 * Collects weight vectors along a training run, as a sampler's output: after `burnIn` updates, every
 * `thin`-th model.params (after its update). With `sgld` as the optimizer these are (approximate)
 * samples from the posterior, and `ensemble()` averages their predictions: Bayesian model averaging,
 * p(y | x, data) ≈ (1/S)·Σₛ p(y | x, θₛ). Samples are references to the weight tensors of that step,
 * which later updates replace rather than change, so taking one copies nothing.
 * @see Welling & Teh (2011), "Bayesian learning via stochastic gradient Langevin dynamics", §4.
 */
export function posteriorSamples({ burnIn, thin = 1, maxSamples = Infinity }: PosteriorSamplesOptions): PosteriorSamplesCallback {
  const op = 'posteriorSamples';
  if (!Number.isInteger(burnIn) || burnIn < 0) throw new ValueError(op, `burnIn must be an integer ≥ 0, got ${burnIn}`);
  if (!Number.isInteger(thin) || thin < 1) throw new ValueError(op, `thin must be a positive integer, got ${thin}`);
  if (!(maxSamples === Infinity || (Number.isInteger(maxSamples) && maxSamples >= 1))) {
    throw new ValueError(op, `maxSamples must be a positive integer, got ${maxSamples}`);
  }
  const samples: Params[] = [];
  let model: Layer | undefined;
  let step = 0;
  return {
    samples,
    get model() {
      return model;
    },
    onTrainBegin(_info, control) {
      model = control.model;
      samples.length = 0;
      step = 0;
    },
    onBatchEnd(_logs, control) {
      step++;
      if (step <= burnIn || (step - burnIn) % thin !== 0) return;
      samples.push(mapTree((t) => t, control.model.params));
      if (samples.length > maxSamples) samples.shift();
    },
    ensemble({ combine = 'arithmetic' } = {}) {
      if (model === undefined || samples.length === 0) {
        throw new ValueError(op, `no samples yet: ${model === undefined ? 'training has not begun' : `the run made ${step} updates, not more than burnIn (${burnIn}) + thin (${thin})`}`);
      }
      const m = model;
      return ensemble(samples.map((p) => layerWithParams(op, m, p)), { combine });
    },
  };
}
