import { type Json, type Layer, NnError, ValueError, isTensor } from '@nn/tensor';
import type { Activation } from './activations/activation';
import { type ActivationName, activations } from './activations/activations';

/** An activation layer holds no weights. */
export type ActivationParams = { readonly [key: string]: never };

/**
 * y = f(x) elementwise (softmax: along the last axis), with f a neuron model given by name
 * (`activation('leakyRelu', { slope: 0.2 })`, looked up in `activations`) or as an {@link Activation}
 * object. Its config, `{ activation: { name, config } }`, rebuilds it.
 */
export function activation(fn: ActivationName | Activation, config?: { readonly [key: string]: Json }): Layer<ActivationParams> {
  const act = resolve(fn, config);
  return {
    kind: 'activation',
    config: { activation: { name: act.name, config: act.config } },
    params: {},
    forward: (x) => {
      if (!isTensor(x)) throw new NnError(`activation(${act.name})`, `expected a Tensor, got ${x === null ? 'null' : typeof x}`);
      return act.apply(x);
    },
  };
}

function resolve(fn: ActivationName | Activation, config: { readonly [key: string]: Json } | undefined): Activation {
  if (typeof fn === 'string') {
    const factory = Object.hasOwn(activations, fn) ? activations[fn] : undefined;
    if (factory === undefined) {
      throw new ValueError('activation', `unknown activation '${fn}'; known: ${Object.keys(activations).join(', ')}`);
    }
    return factory(config);
  }
  if (typeof fn !== 'object' || fn === null || typeof fn.name !== 'string' || typeof fn.apply !== 'function' || typeof fn.config !== 'object' || fn.config === null) {
    throw new ValueError('activation', 'expected an activation name or an object { name, config, apply }');
  }
  if (config !== undefined) {
    throw new ValueError('activation', `a config goes with a name; '${fn.name}' is already built (config ${JSON.stringify(fn.config)})`);
  }
  return fn;
}
