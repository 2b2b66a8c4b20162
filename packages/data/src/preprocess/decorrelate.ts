import type { FittedPreprocessor, Preprocessor } from './preprocessor';
import { type PcaState, pca } from './pca';

/**
 * Rotation onto the principal axes: z = (x − mean)·W with all F eigenvectors of the training
 * covariance, so the features of z are uncorrelated (their covariance is diag(λ)) and nothing is
 * lost. `pca()` with every component kept.
 * @see Y. LeCun, L. Bottou, G. Orr, K.-R. Müller, "Efficient BackProp", 1998, §4.3
 */
export function decorrelate(): Preprocessor<FittedPreprocessor<PcaState>> {
  return pca();
}
