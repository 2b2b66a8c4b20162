import { DTypeError, NnError, ShapeError, isTensor } from '@nn/tensor';
import type { FloatDType, Tensor } from '@nn/tensor';
import { describe } from './augmentation';

/** float32 or float64 pixels. @internal */
export type FloatArray = Float32Array | Float64Array;

/** A batch of images as flat planes: image i, channel c starts at (i·C + c)·H·W. @internal */
export interface ImageLayout {
  readonly count: number;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  readonly dtype: FloatDType;
  readonly data: FloatArray;
}

/** The layout of float images [N, C, H, W] or [N, H, W] (one channel); typed errors naming `op` otherwise. @internal */
export function imageLayout(op: string, images: Tensor): ImageLayout {
  if (!isTensor(images)) throw new NnError(op, `expected a Tensor of images, got ${describe(images)}`);
  if (images.rank !== 3 && images.rank !== 4) {
    throw new ShapeError(op, `expected images [N, C, H, W] or [N, H, W], got shape [${images.shape.join(',')}] (rank ${images.rank})`);
  }
  if (images.dtype !== 'float32' && images.dtype !== 'float64') {
    throw new DTypeError(op, `expected float32 or float64 images, got ${images.dtype}; convert with cast(images, 'float32')`);
  }
  const [count, ...rest] = images.shape;
  const [channels, height, width] = rest.length === 3 ? rest : [1, rest[0], rest[1]];
  return { count, channels, height, width, dtype: images.dtype, data: images.dataSync() as FloatArray };
}

/** A new zeroed array of `layout`'s dtype and size. @internal */
export function allocateLike(layout: ImageLayout): FloatArray {
  const size = layout.count * layout.channels * layout.height * layout.width;
  return layout.dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
}
