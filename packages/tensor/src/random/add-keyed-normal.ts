import { recordCustom } from '../autodiff/tape';
import { DTypeError, ValueError } from '../errors';
import { globalState } from '../global-state';
import { cpuBackend } from '../backend/cpu/cpu-backend';
import { assertTensor } from '../ops/convert';
import { fromTypedArray } from '../ops/creation';
import { Tensor } from '../tensor';
import { type StreamKey, fillKeyedNormal } from './keyed-stream';

/**
 * y = x + std·z, z ~ N(0, 1) from the keyed stream `key` (`fillKeyedNormal` with x as the base), in one
 * pass: the backend's fused kernel where it has one (the wasm backend's SIMD Box–Muller, which also
 * adds), else the TypeScript twin — the same bits either way. Differentiable in x: ∂y/∂x = I, so a
 * gradient reaches x unchanged (the noise is a constant). For float32 x; what Gaussian noise on
 * activities and on weights (@nn/regularize) is made of, without a noise tensor and an `add`.
 */
export function addKeyedNormal(x: Tensor, key: StreamKey, std: number): Tensor {
  const op = 'addKeyedNormal';
  assertTensor(op, x);
  if (x.dtype !== 'float32') throw new DTypeError(op, `expected a float32 tensor, got ${x.dtype}`);
  if (!(std >= 0 && Number.isFinite(std))) throw new ValueError(op, `std must be a finite number ≥ 0, got ${String(std)}`);
  const backend = globalState().backend ?? cpuBackend;
  const n = x.size;
  // NOTE: x made under another backend goes in as a host array (the kernel copies it in)
  const storage = n > 0 ? backend.fused?.normalF32?.(n, key, 0, std, x.backend === backend ? x.storage : x.dataSync()) : undefined;
  const y = storage !== undefined
    ? new Tensor([...x.shape], 'float32', storage, backend)
    : fromTypedArray(fillKeyedNormal(new Float32Array(n), key, 0, std, x.dataSync() as Float32Array), [...x.shape], 'float32');
  recordCustom([x], y, (g) => [g]);
  return y;
}
