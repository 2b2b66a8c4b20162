import { type Tensor, mean, noGrad, softmax, sqrt, square, stack, sub } from '@nn/tensor';
import { type EnsembleLayer, memberOutputs } from './ensemble';

/** The members' average prediction and how much they disagree. */
export interface EnsembleSpread {
  /** (1/k)·Σᵢ pᵢ: the arithmetic ensemble's probabilities (or, with combine 'mean', its output). */
  readonly mean: Tensor;
  /** √((1/k)·Σᵢ (pᵢ − mean)²), elementwise: the members' standard deviation around the mean. */
  readonly std: Tensor;
}

/**
 * Mean and standard deviation over the members of an ensemble of their predicted probabilities
 * pᵢ = softmax(zᵢ) (or of their raw outputs zᵢ when the ensemble's combine is 'mean'), in inference
 * mode. For members drawn from a posterior (`posteriorSamples`) this is the Bayesian predictive mean
 * and its uncertainty; for a bagged ensemble, how much the prediction depends on the sample.
 */
export function ensembleSpread(model: EnsembleLayer, x: Tensor): EnsembleSpread {
  return noGrad(() => {
    const outputs = memberOutputs('ensembleSpread', model.members, x, { training: false });
    const values = stack(model.combine === 'mean' ? outputs : outputs.map((z) => softmax(z, -1)), 0);
    const m = mean(values, 0);
    return { mean: m, std: sqrt(mean(square(sub(values, m)), 0)) };
  });
}
