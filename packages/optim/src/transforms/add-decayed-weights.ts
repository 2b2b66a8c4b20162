import { type GradientTransformation, ValueError, add, mapTree, mul } from '@nn/tensor';
import type { IdentityState } from './identity';
import { checkNumber, checkState } from './check';

/**
 * u = g + λ·θ: adds the gradient of the L2 penalty ½λ‖θ‖² (before an adaptive scaling, that is
 * Adam's coupled `weight_decay`; after it and before the rate, AdamW's decoupled decay). Needs params.
 * @see Loshchilov, Hutter (2019), "Decoupled weight decay regularization".
 */
export function addDecayedWeights(weightDecay: number): GradientTransformation<IdentityState> {
  const op = 'addDecayedWeights';
  checkNumber(op, 'weightDecay', weightDecay, { min: 0 });
  return {
    retainsOnlyState: true,
    init: () => ({}),
    update(grads, state, params) {
      checkState(op, state, []);
      if (weightDecay === 0) return [grads, state];
      if (params === undefined) throw new ValueError(op, 'needs the params (update(grads, state, params)) to decay them, got none');
      return [mapTree((g, p) => add(g, mul(p, weightDecay)), grads, params), state];
    },
    sameOpsEveryStep: true,
  };
}
