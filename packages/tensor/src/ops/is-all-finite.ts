import { assertTensor } from './convert';
import type { Tensor } from '../tensor';

/**
 * Whether every element of x is finite (no NaN, no ±∞); int32 and empty tensors always are. Scanned
 * where x lives by the backend's fused kernel when it has one (the wasm backend: one SIMD pass over its
 * memory, nothing copied out), else over `dataSync()` with one comparison an element (x − x is 0 only
 * for a finite x). What `fit` asks of every update before it applies it.
 */
export function isAllFinite(x: Tensor): boolean {
  assertTensor('isAllFinite', x);
  if (x.dtype === 'int32' || x.size === 0) return true;
  const answer = x.backend.fused?.allFinite?.(x.size, x.dtype, x.storage);
  if (answer !== undefined) return answer;
  const data = x.dataSync();
  for (let i = 0; i < data.length; i++) if (data[i] - data[i] !== 0) return false;
  return true;
}
