import type { Dataset } from '@nn/data';
import { type Layer, type Loss, NnError, noGrad, slice, tidy } from '@nn/tensor';

/**
 * ℓᵢ = loss(model(xᵢ), yᵢ) for every sample i of `ds`, the model in inference mode (no dropout or
 * noise) and no gradients taken: the loss of each sample alone (a batch of one), which is what an
 * emphasis sampler ranks the samples by. The model runs once per batch of `batchSize` samples.
 */
export function perSampleLosses(model: Layer, ds: Dataset, loss: Loss, { batchSize = 256 }: { readonly batchSize?: number } = {}): Float64Array {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new NnError('perSampleLosses', `batchSize must be a positive integer, got ${batchSize}`);
  const n = ds.x.shape[0];
  const out = new Float64Array(n);
  noGrad(() => {
    for (let start = 0; start < n; start += batchSize) {
      const m = Math.min(batchSize, n - start);
      tidy(() => {
        const prediction = model.forward(slice(ds.x, [start], [m]), { training: false });
        const y = slice(ds.y, [start], [m]);
        for (let i = 0; i < m; i++) out[start + i] = loss(slice(prediction, [i], [1]), slice(y, [i], [1])).item();
      });
    }
  });
  return out;
}
