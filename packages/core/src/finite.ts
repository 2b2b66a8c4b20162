import { type Params, treeLeaves } from '@nn/tensor';

/** True when every element of every tensor of the tree is finite (no NaN, no ±∞). */
export function allFinite(tree: Params): boolean {
  for (const leaf of treeLeaves(tree)) {
    const data = leaf.dataSync();
    for (let i = 0; i < data.length; i++) {
      // NOTE: x − x is 0 for finite x and NaN for NaN and ±∞: one comparison per element.
      if (data[i] - data[i] !== 0) return false;
    }
  }
  return true;
}
