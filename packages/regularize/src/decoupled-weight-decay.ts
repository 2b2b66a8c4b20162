import { type GradientTransformation, NnError, add, mul } from '@nn/tensor';
import { assertCoefficient } from './penalty';
import { type LeafSelection, assertSelect, mapSelected, notBias } from './select-leaves';

export interface DecoupledWeightDecayOptions {
  /** The leaves decayed: a predicate `(leaf, path) → boolean` or a tree of booleans. Default: every leaf but biases. */
  readonly select?: LeafSelection;
}

/** No state (serializes as `{}`). */
export type DecoupledWeightDecayState = { readonly [key: string]: never };

/**
 * u ← u + λ·θ on the selected leaves (not biases by default): weight decay applied to the step an
 * optimizer has already shaped, not to the gradient. Chain it after the adaptive scaling and before the
 * learning rate, `chain(scaleByAdam(), decoupledWeightDecay(1e-2), scaleByLearningRate(1e-3))`, so each
 * update is θ ← θ − η·(adam_step + λ·θ) (AdamW). With plain SGD that is the same as the {@link l2}
 * penalty; under adaptive methods it is not, and it regularizes better (Loshchilov & Hutter). It needs
 * `params`; `update` without them throws.
 * @see I. Loshchilov, F. Hutter, "Decoupled weight decay regularization", ICLR 2019
 */
export function decoupledWeightDecay(weightDecay: number, { select = notBias }: DecoupledWeightDecayOptions = {}): GradientTransformation<DecoupledWeightDecayState> {
  const op = 'decoupledWeightDecay';
  assertCoefficient(op, 'weightDecay', weightDecay);
  assertSelect(op, select);
  return {
    init: () => ({}),
    update(updates, state, params) {
      if (params === undefined) throw new NnError(op, 'needs the params to decay; pass them to update(updates, state, params)');
      return [mapSelected(op, select, (selected, u, w) => (selected ? add(u, mul(w, weightDecay)) : u), updates, params), state];
    },
  };
}
