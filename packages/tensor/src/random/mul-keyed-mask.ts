import { recordCustom } from '../autodiff/tape';
import { getBackend } from '../backend/registry';
import { DTypeError, ValueError } from '../errors';
import { mul } from '../ops/binary';
import { assertTensor } from '../ops/convert';
import { fromTypedArray } from '../ops/creation';
import { Tensor } from '../tensor';
import { type StreamKey, fillKeyedMask } from './keyed-stream';

/**
 * Dropout applied: y = x ⊙ m with dropout's mask m from the keyed stream `key` (`fillKeyedMask`:
 * m_i = scale where unit i is kept, with probability 1 − p, else 0). float32 on a backend with the fused
 * kernel (wasm): one pass, the mask never stored — and the gradient, g ⊙ m, is this same op on g with
 * the same key, so nothing is kept for the backward pass either (and higher derivatives follow). Else,
 * and for float64, `mul(x, mask)` with the mask made on the host. The same bits either way: each
 * element is x_i·m_i, one correctly rounded product (Srivastava et al. 2014 for dropout itself).
 */
export function mulKeyedMask(x: Tensor, key: StreamKey, p: number, scale: number): Tensor {
  const op = 'mulKeyedMask';
  assertTensor(op, x);
  if (x.dtype !== 'float32' && x.dtype !== 'float64') throw new DTypeError(op, `expected a float32 or float64 tensor, got ${x.dtype}`);
  if (!(p >= 0 && p <= 1)) throw new ValueError(op, `p must be in [0, 1], got ${String(p)}`);
  if (!Number.isFinite(scale)) throw new ValueError(op, `scale must be a finite number, got ${String(scale)}`);
  const backend = getBackend();
  const n = x.size;
  // NOTE: x made under another backend goes in as a host array (the kernel copies it in)
  const storage = x.dtype === 'float32' && n > 0 ? backend.fused?.dropoutMaskF32?.(n, key, p, scale, x.backend === backend ? x.storage : x.dataSync()) : undefined;
  if (storage === undefined) {
    const mask = fillKeyedMask(x.dtype === 'float32' ? new Float32Array(n) : new Float64Array(n), key, p, scale);
    return mul(x, fromTypedArray(mask, [...x.shape], x.dtype));
  }
  const y = new Tensor([...x.shape], 'float32', storage, backend);
  recordCustom([x], y, (g) => [mulKeyedMask(g, key, p, scale)]);
  return y;
}
