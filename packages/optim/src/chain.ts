import type { GradientTransformation, Params, UpdateContext } from '@nn/tensor';

/** The states of a chain's members, in order: a tuple typed member by member. */
export type ChainState<T extends readonly GradientTransformation<any>[]> = {
  readonly [K in keyof T]: T[K] extends GradientTransformation<infer S> ? S : never;
};

/**
 * Composes transforms left to right: each one's updates are the next one's grads, so
 * `chain(trace({ decay: 0.9 }), scaleByLearningRate(0.1))` is SGD with momentum. Every member sees the
 * same `params` and `ctx`. The state is the tuple of the members' states (optax's `chain`).
 */
export function chain<const T extends readonly GradientTransformation<any>[]>(...transforms: T): GradientTransformation<ChainState<T>> {
  return {
    init: (params: Params) => transforms.map((t) => t.init(params)) as unknown as ChainState<T>,
    update<P extends Params>(grads: P, state: ChainState<T>, params?: P, ctx?: UpdateContext): [P, ChainState<T>] {
      const states = state as readonly unknown[];
      const next: unknown[] = [];
      let updates = grads;
      transforms.forEach((t, i) => {
        let s: unknown;
        [updates, s] = t.update(updates, states[i], params, ctx);
        next.push(s);
      });
      return [updates, next as unknown as ChainState<T>];
    },
    sameOpsEveryStep: transforms.every((t) => t.sameOpsEveryStep === true),
    retainsOnlyState: transforms.every((t) => t.retainsOnlyState === true),
  };
}
