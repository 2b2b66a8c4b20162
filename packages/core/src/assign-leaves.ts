import { type Params, isTensor } from '@nn/tensor';

/** Puts the leaves of `next` in place of those of `params`, in place (the tree's objects and arrays are mutated). */
export function assignLeaves(params: Params, next: Params): void {
  const target = params as { [key: string]: Params };
  const source = next as { readonly [key: string]: Params };
  for (const key of Object.keys(target)) {
    if (isTensor(target[key])) target[key] = source[key];
    else assignLeaves(target[key], source[key]);
  }
}
