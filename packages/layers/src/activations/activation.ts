import type { Json, Tensor } from '@nn/tensor';

/**
 * A neuron model: the function a unit applies to its summed input, as a plain object. `name` and
 * `config` rebuild it through the `activations` table (`activations[name](config)`), so a layer
 * that holds one can be saved; `apply` is composed of @nn/tensor ops, so autodiff needs nothing more.
 */
export interface Activation {
  readonly name: string;
  readonly config: { readonly [key: string]: Json };
  apply(x: Tensor): Tensor;
}

/** Rebuilds an activation from its config; throws a ValueError on an unknown option. */
export type ActivationFactory = (config?: { readonly [key: string]: Json }) => Activation;
