import type { TypedArray } from '../dtype';
import { assertTensor } from './convert';
import type { Tensor } from '../tensor';

/**
 * Whether every element of x is finite (no NaN, no ±∞); int32 and empty tensors always are. Scanned
 * where x lives by the backend's fused kernel when it has one (the wasm backend: one SIMD pass over its
 * memory, nothing copied out), else over its host array (or `dataSync()` where it has none) with one
 * comparison an element (x − x is 0 only for a finite x). What `fit` asks of every update before it
 * applies it.
 */
export function isAllFinite(x: Tensor): boolean {
  assertTensor('isAllFinite', x);
  if (x.dtype === 'int32' || x.size === 0) return true;
  const answer = x.backend.fused?.allFinite?.(x.size, x.dtype, x.storage);
  if (answer !== undefined) return answer;
  // NOTE: host storage is read where it is: `dataSync` would copy a small tensor out of its shared slab
  // (the CPU backend) or hand a pooled array over for good (the wasm backend), every training step
  const storage = x.storage;
  const data = ArrayBuffer.isView(storage) ? (storage as TypedArray) : x.dataSync();
  for (let i = 0; i < x.size; i++) if (data[i] - data[i] !== 0) return false;
  return true;
}
