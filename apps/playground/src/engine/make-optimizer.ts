import {
  type GradientTransformation, type Schedule, adagrad, adam, chain, constantSchedule, cosineDecay, exponentialDecay, inverseTimeDecay,
  maxNorm, rmsprop, rprop, sgd, stepDecay,
} from '@nn/core';
import type { PlaygroundConfig } from './config';

type OptimizerConfig = Pick<
  PlaygroundConfig, 'optimizer' | 'learningRate' | 'momentum' | 'rmsAlpha' | 'beta1' | 'beta2' | 'schedule' | 'decay' | 'decayEpochs' | 'maxNorm'
>;

/**
 * The learning rate η(t) over optimizer steps t, with the schedule's pace given in epochs of
 * `stepsPerEpoch` updates: exponential η₀·decay^(t/E), inverse-time η₀/(1 + t/(E·decayEpochs)),
 * step η₀·decay^⌊t/(E·decayEpochs)⌋, cosine from η₀ to 0 over decayEpochs epochs.
 */
export function learningRateSchedule(config: OptimizerConfig, stepsPerEpoch: number): Schedule {
  const init = config.learningRate;
  const span = stepsPerEpoch * config.decayEpochs;
  switch (config.schedule) {
    case 'constant':
      return constantSchedule(init);
    case 'exponential':
      return exponentialDecay({ init, decayRate: config.decay, decaySteps: stepsPerEpoch });
    case 'inverse-time':
      return inverseTimeDecay({ init, tau: span });
    case 'step':
      return stepDecay({ init, stepSize: span, gamma: config.decay });
    case 'cosine':
      return cosineDecay({ init, decaySteps: span });
  }
}

/**
 * The configured optimizer from @nn/optim with its schedule, followed by a max-norm projection of each
 * unit's incoming weights when `maxNorm` > 0. Rprop takes no schedule (its rate is the first step size
 * Δ₀) and belongs with batch learning: on mini-batches the signs flip by noise.
 */
export function makeOptimizer(config: OptimizerConfig, stepsPerEpoch: number): GradientTransformation<any> {
  const rate = learningRateSchedule(config, stepsPerEpoch);
  let base: GradientTransformation<any>;
  switch (config.optimizer) {
    case 'sgd':
      base = sgd(rate);
      break;
    case 'momentum':
      base = sgd(rate, { momentum: config.momentum });
      break;
    case 'nesterov':
      base = sgd(rate, { momentum: config.momentum, nesterov: true });
      break;
    case 'adagrad':
      base = adagrad(rate);
      break;
    case 'rmsprop':
      base = rmsprop(rate, { alpha: config.rmsAlpha });
      break;
    case 'adam':
      base = adam(rate, { betas: [config.beta1, config.beta2] });
      break;
    case 'rprop':
      base = rprop(config.learningRate);
      break;
  }
  return config.maxNorm > 0 ? chain(base, maxNorm(config.maxNorm)) : base;
}
