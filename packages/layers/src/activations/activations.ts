import type { Json } from '@nn/tensor';
import { assertConfigKeys } from '../assert-config-keys';
import type { Activation, ActivationFactory } from './activation';
import { lecunTanhActivation } from './lecun-tanh';
import { leakyReluActivation } from './leaky-relu';
import { linearActivation } from './linear';
import { logisticActivation } from './logistic';
import { reluActivation } from './relu';
import { softmaxActivation } from './softmax';
import { softplusActivation } from './softplus';
import { stepActivation } from './step';
import { tanhActivation } from './tanh';
import { twistedTanhActivation } from './twisted-tanh';

/** A factory that checks its config's keys before building. */
function factory(name: string, keys: readonly string[], make: (config: { readonly [key: string]: Json }) => Activation): ActivationFactory {
  return (config = {}) => {
    assertConfigKeys(name, config, keys);
    return make(config);
  };
}

/**
 * Every neuron model of the course by name: `activations[name](config)` builds it. Extend it by
 * spreading into a new table (`{ ...activations, swish: … }`) and pass that to `buildLayer`.
 */
export const activations = {
  step: factory('step', [], stepActivation),
  linear: factory('linear', [], linearActivation),
  logistic: factory('logistic', [], logisticActivation),
  tanh: factory('tanh', [], tanhActivation),
  lecunTanh: factory('lecunTanh', [], lecunTanhActivation),
  twistedTanh: factory('twistedTanh', ['a'], ({ a }) => twistedTanhActivation({ a: a as number | undefined })),
  relu: factory('relu', [], reluActivation),
  leakyRelu: factory('leakyRelu', ['slope'], ({ slope }) => leakyReluActivation({ slope: slope as number | undefined })),
  softplus: factory('softplus', [], softplusActivation),
  softmax: factory('softmax', [], softmaxActivation),
} as const satisfies ActivationFactories;

/** The names of the built-in activations. */
export type ActivationName = keyof typeof activations;

/** Activation factories by name, as `buildLayer` looks them up. */
export type ActivationFactories = { readonly [name: string]: ActivationFactory };
