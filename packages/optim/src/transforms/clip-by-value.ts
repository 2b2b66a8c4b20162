import { type GradientTransformation, clip, mapTree } from '@nn/tensor';
import { checkNumber, checkState } from './check';
import type { IdentityState } from './identity';

/**
 * u = min(max(g, −δ), δ), elementwise: optax's `clip(max_delta)`, what `torch.nn.utils.clip_grad_value_`
 * does to the gradients in place.
 */
export function clipByValue(maxDelta: number): GradientTransformation<IdentityState> {
  const op = 'clipByValue';
  checkNumber(op, 'maxDelta', maxDelta, { min: 0 });
  return {
    retainsOnlyState: true,
    init: () => ({}),
    update(grads, state) {
      checkState(op, state, []);
      return [mapTree((g) => clip(g, -maxDelta, maxDelta), grads), state];
    },
  };
}
