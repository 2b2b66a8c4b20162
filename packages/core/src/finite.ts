import { type Params, isAllFinite, treeLeaves } from '@nn/tensor';

/** True when every element of every tensor of the tree is finite (no NaN, no ±∞). */
export function allFinite(tree: Params): boolean {
  for (const leaf of treeLeaves(tree)) if (!isAllFinite(leaf)) return false;
  return true;
}
