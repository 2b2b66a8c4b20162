import { NnError } from '@nn/tensor';

/**
 * Training produced NaN or ±∞ (in the loss, the gradients or the updates). Thrown by fit before the
 * offending update is applied, so the model keeps the last good weights.
 */
export class TrainingDivergedError extends NnError {
  constructor(
    readonly epoch: number,
    readonly batch: number,
    readonly where: 'loss' | 'gradients' | 'updates',
  ) {
    super('fit', `training diverged at epoch ${epoch}, batch ${batch}: non-finite ${where}; the model keeps the weights from before this batch (try a smaller learning rate)`);
  }
}
