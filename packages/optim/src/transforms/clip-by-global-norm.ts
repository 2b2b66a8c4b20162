import { type GradientTransformation, mapTree, mul, square, sum, treeLeaves } from '@nn/tensor';
import { checkNumber, checkState } from './check';
import type { IdentityState } from './identity';

/**
 * u = g·c/‖g‖ when ‖g‖ > c, else g, where ‖g‖ = √(Σ over every leaf of Σ g²) is the norm of the whole
 * tree, so the direction is kept and only the length is capped (optax's `clip_by_global_norm`). PyTorch's
 * `clip_grad_norm_` multiplies by c/(‖g‖ + 1e-6) instead, a hair shorter.
 * @see Pascanu, Mikolov, Bengio (2013), "On the difficulty of training recurrent neural networks".
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransformation<IdentityState> {
  const op = 'clipByGlobalNorm';
  checkNumber(op, 'maxNorm', maxNorm, { min: 0, minOpen: true });
  return {
    retainsOnlyState: true,
    init: () => ({}),
    update(grads, state) {
      checkState(op, state, []);
      const norm = Math.sqrt(treeLeaves(grads).reduce((total, g) => total + sum(square(g)).item(), 0));
      if (!(norm > maxNorm)) return [grads, state];
      const factor = maxNorm / norm;
      return [mapTree((g) => mul(g, factor), grads), state];
    },
  };
}
