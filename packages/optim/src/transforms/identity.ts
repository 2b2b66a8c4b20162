import type { GradientTransformation } from '@nn/tensor';

/** No state: what stateless transforms keep (serializes as `{}`). */
export type IdentityState = { readonly [key: string]: never };

/** u = g: passes the gradients through unchanged (a placeholder in recipes such as `sgd`). */
export function identity(): GradientTransformation<IdentityState> {
  return {
    retainsOnlyState: true,
    init: () => ({}),
    update: (grads, state) => [grads, state],
    sameOpsEveryStep: true,
  };
}
