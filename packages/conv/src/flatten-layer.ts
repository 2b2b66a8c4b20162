import type { Layer } from '@nn/tensor';
import { flatten } from './flatten';

/** `flatten` as a layer without weights (params `{}`): [N, …] → [N, ∏…], between convolutions and dense layers. */
export function flattenLayer(): Layer<Record<string, never>> {
  return { kind: 'flatten', config: {}, params: {}, forward: flatten };
}
