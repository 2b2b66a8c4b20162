import { type Tensor, fromTypedArray } from '@nn/tensor';

/**
 * A small convolution for the tests of threaded and replayed training steps: 16 filters of 3 × 3 over
 * 14 × 14 images (valid: 12 × 12 outputs), a batch of 32. N·C·(K + 1)·P = 737,280 multiply-adds, above
 * the threads' crossover.
 */
export const SMALL_CONV = { N: 32, C: 16, H: 14, K: 9, P: 144 } as const;

/** im2col indices of the 3 × 3 valid convolution over a 14 × 14 image, then a row of 196s (the bias's 1 appended to each image). */
export function smallConvIm2col(): Tensor {
  const { H, K, P } = SMALL_CONV;
  const idx = new Int32Array((K + 1) * P);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let oy = 0; oy < 12; oy++) for (let ox = 0; ox < 12; ox++) idx[(i * 3 + j) * P + oy * 12 + ox] = (oy + i) * H + ox + j;
  idx.fill(H * H, K * P);
  return fromTypedArray(idx, [K + 1, P], 'int32');
}
