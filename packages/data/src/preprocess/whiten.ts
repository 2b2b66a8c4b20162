import type { FittedPreprocessor, Preprocessor } from './preprocessor';
import { type PcaState, pca } from './pca';

export interface WhitenOptions {
  /** Keep only this many leading components (default all). */
  readonly components?: number;
  /** Added to each eigenvalue before the square root; default 1e-5. */
  readonly epsilon?: number;
}

/**
 * PCA whitening: zⱼ = (x − mean)·wⱼ / √(λⱼ + ε), the principal components scaled to unit variance,
 * so the training set's covariance becomes (almost, by ε) the identity. `pca({ whiten: true })`.
 * @see Y. LeCun, L. Bottou, G. Orr, K.-R. Müller, "Efficient BackProp", 1998, §4.3
 */
export function whiten({ components, epsilon }: WhitenOptions = {}): Preprocessor<FittedPreprocessor<PcaState>> {
  return pca({ components, epsilon, whiten: true });
}
