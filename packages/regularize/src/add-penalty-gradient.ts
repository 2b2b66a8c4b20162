import { type GradientTransformation, NnError, add, mapTree } from '@nn/tensor';
import type { Penalty } from './penalty';

/** No state (serializes as `{}`). */
export type AddPenaltyGradientState = { readonly [key: string]: never };

/**
 * g ← g + ∂Ω/∂θ: the penalty's gradient added to the loss gradient, as if Ω were part of the loss but
 * without differentiating it (its gradient is in closed form). Chain it first, before momentum or an
 * adaptive scaling and the learning rate: `chain(addPenaltyGradient(l2(1e-4)), trace({ decay: 0.9 }),
 * scaleByLearningRate(0.1))`. It needs `params`; `update` without them throws.
 *
 * Under an adaptive optimizer (Adam, RMSprop) this term is rescaled with the gradient, which is not
 * weight decay; for that, use {@link decoupledWeightDecay} after the adaptive scaling.
 */
export function addPenaltyGradient(penalty: Penalty): GradientTransformation<AddPenaltyGradientState> {
  const op = 'addPenaltyGradient';
  if (typeof penalty !== 'function' || typeof penalty.gradient !== 'function') {
    throw new NnError(op, 'expected a Penalty (l2, l1, elasticNet, weightElimination, …), a function with a gradient method');
  }
  return {
    init: () => ({}),
    update(grads, state, params) {
      if (params === undefined) throw new NnError(op, `needs the params to compute the ${penalty.kind} penalty's gradient; pass them to update(grads, state, params)`);
      return [mapTree((g, d) => add(g, d), grads, penalty.gradient(params)), state];
    },
  };
}
