import type { Tensor } from '../tensor';

/**
 * A loss: (prediction, target) → scalar tensor. Each loss states its reduction (sum or mean over
 * the batch) in its doc; `weights` (one per sample) scale each sample's term when given.
 */
export type Loss = (prediction: Tensor, target: Tensor, weights?: Tensor) => Tensor;
