import { ShapeError, formatShape } from './errors';
import { concat } from './ops/concat';
import { zeros } from './ops/creation';
import { reshape } from './ops/reshape';
import { slice } from './ops/slice';
import type { Params } from './spec/params';
import type { Tensor } from './tensor';
import { mapTree, treeLeaves } from './tree';

/**
 * Every element of a Params tree in one 1-D tensor, leaves in tree order, each row-major: what
 * full-batch methods (CG, L-BFGS, Newton) work on. Differentiable. All leaves must share a dtype.
 */
export function flattenParams(params: Params): Tensor {
  const leaves = treeLeaves(params);
  if (leaves.length === 0) return zeros([0]);
  return concat(leaves.map((t) => reshape(t, [t.size])), 0);
}

/** The inverse of flattenParams: cuts `vector` into a tree shaped like `like`. Differentiable. */
export function unflattenParams<P extends Params>(vector: Tensor, like: P): P {
  const total = treeLeaves(like).reduce((n, t) => n + t.size, 0);
  if (vector.rank !== 1 || vector.size !== total) {
    throw new ShapeError('unflattenParams', `expected a vector of ${total} elements, got ${formatShape(vector.shape)}`);
  }
  let at = 0;
  return mapTree((leaf) => {
    const piece = reshape(slice(vector, [at], [leaf.size]), leaf.shape);
    at += leaf.size;
    return piece;
  }, like);
}
