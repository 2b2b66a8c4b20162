import type { Json } from '@nn/tensor';

/** True for a JSON object (not null, not a list). NOTE: `Array.isArray` does not narrow readonly arrays away. */
export function isJsonObject(x: Json | undefined): x is { readonly [key: string]: Json } {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
