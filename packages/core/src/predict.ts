import { type Layer, type Tensor, NnError, concat, dispose, noGrad, slice, tidy } from '@nn/tensor';

/**
 * The model's outputs for every sample of `x`, in inference mode, computed `batchSize` samples at a
 * time. Each batch's intermediate tensors are disposed as soon as it is done (`tidy`), so that the
 * backend can reuse their memory for the next batch.
 */
export function predict(model: Layer, x: Tensor, { batchSize = 256 }: { batchSize?: number } = {}): Tensor {
  if (x.rank === 0) throw new NnError('predict', 'expected a batch of samples (rank ≥ 1), got a scalar');
  const n = x.shape[0];
  return noGrad(() => {
    if (n <= batchSize) return tidy(() => model.forward(x, { training: false }));
    const parts: Tensor[] = [];
    for (let begin = 0; begin < n; begin += batchSize) {
      parts.push(tidy(() => model.forward(slice(x, [begin], [Math.min(batchSize, n - begin)]), { training: false })));
    }
    const all = concat(parts, 0);
    dispose(parts);
    return all;
  });
}
