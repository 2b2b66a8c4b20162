import { type Layer, type Tensor, NnError, concat, noGrad, slice } from '@nn/tensor';

/** The model's outputs for every sample of `x`, in inference mode, computed `batchSize` samples at a time. */
export function predict(model: Layer, x: Tensor, { batchSize = 256 }: { batchSize?: number } = {}): Tensor {
  if (x.rank === 0) throw new NnError('predict', 'expected a batch of samples (rank ≥ 1), got a scalar');
  const n = x.shape[0];
  return noGrad(() => {
    if (n <= batchSize) return model.forward(x, { training: false });
    const parts: Tensor[] = [];
    for (let begin = 0; begin < n; begin += batchSize) {
      parts.push(model.forward(slice(x, [begin], [Math.min(batchSize, n - begin)]), { training: false }));
    }
    return concat(parts, 0);
  });
}
