import { ValueError } from '@nn/core';

/** The 2-D problems the playground offers. */
export const DATASETS = ['xor', 'moons', 'spirals', 'circles', 'blobs', 'separable'] as const;
export type DatasetName = (typeof DATASETS)[number];

/** Neuron models a hidden layer may use (the step neuron passes no gradient: its layer does not learn). */
export const HIDDEN_NEURONS = ['tanh', 'logistic', 'relu', 'leakyRelu', 'softplus', 'linear', 'step'] as const;
export type HiddenNeuron = (typeof HIDDEN_NEURONS)[number];

/**
 * The output unit and the loss that goes with it: logistic + cross-entropy, tanh or linear (Adaline)
 * + squared error on ±1 targets, step + the perceptron criterion (Rosenblatt's rule when online).
 */
export const OUTPUT_NEURONS = ['logistic', 'tanh', 'linear', 'step'] as const;
export type OutputNeuron = (typeof OUTPUT_NEURONS)[number];

export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'rprop'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export const SCHEDULES = ['constant', 'exponential', 'inverse-time', 'step', 'cosine'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

export const BACKENDS = ['cpu', 'wasm', 'gpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

export interface HiddenLayerConfig {
  readonly units: number;
  readonly neuron: HiddenNeuron;
}

/** Everything that defines a run: what the URL carries so that a link reproduces it. */
export interface PlaygroundConfig {
  readonly dataset: DatasetName;
  /** Points in the problem (train + test). */
  readonly samples: number;
  /** σ of the Gaussian jitter added to every point, in input-plane units (the plane is about [−1, 1]²). */
  readonly noise: number;
  /** The share of the points that trains, in (0, 1); the rest is the test set. */
  readonly trainRatio: number;
  readonly hidden: readonly HiddenLayerConfig[];
  readonly output: OutputNeuron;
  /** Samples per update: 0 means the whole training set (batch learning), 1 online learning. */
  readonly batchSize: number;
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  /** μ for momentum and Nesterov. */
  readonly momentum: number;
  /** RMSprop's α (decay of the mean square). */
  readonly rmsAlpha: number;
  /** Adam's β₁ and β₂. */
  readonly beta1: number;
  readonly beta2: number;
  readonly schedule: ScheduleName;
  /**
   * The schedule's pace in epochs: exponential multiplies the rate by `decay` each epoch; inverse-time
   * divides it by 1 + epoch/`decayEpochs`; step multiplies by `decay` every `decayEpochs`; cosine
   * reaches 0 after `decayEpochs`.
   */
  readonly decay: number;
  readonly decayEpochs: number;
  /** Weight penalties λ·Σw² and λ·Σ|w| (biases excluded). */
  readonly l2: number;
  readonly l1: number;
  /** Dropout rate after every hidden layer (0: none). */
  readonly dropout: number;
  /** σ of Gaussian noise added to the inputs while training (0: none). */
  readonly inputNoise: number;
  /** Max-norm c of each unit's incoming weights (0: none). */
  readonly maxNorm: number;
  /** Stop after this many epochs without a better test loss, and restore the best weights (0: off). */
  readonly earlyStopping: number;
  readonly seed: number;
  readonly backend: BackendChoice;
}

export const DEFAULT_CONFIG: PlaygroundConfig = Object.freeze({
  dataset: 'xor',
  samples: 200,
  noise: 0.1,
  trainRatio: 0.5,
  hidden: Object.freeze([{ units: 4, neuron: 'tanh' }, { units: 2, neuron: 'tanh' }] as const),
  output: 'logistic',
  batchSize: 10,
  optimizer: 'sgd',
  learningRate: 0.1,
  momentum: 0.9,
  rmsAlpha: 0.99,
  beta1: 0.9,
  beta2: 0.999,
  schedule: 'constant',
  decay: 0.99,
  decayEpochs: 50,
  l2: 0,
  l1: 0,
  dropout: 0,
  inputNoise: 0,
  maxNorm: 0,
  earlyStopping: 0,
  seed: 1,
  backend: 'cpu',
}) as PlaygroundConfig;

/** Limits the controls and the URL parser share. */
export const LIMITS = {
  samples: [8, 2000],
  hiddenLayers: 6,
  units: [1, 16],
} as const;

/**
 * Checks every field and returns a frozen copy; a bad value throws a ValueError that names the field,
 * what it must be and what it got.
 */
export function checkConfig(config: PlaygroundConfig): PlaygroundConfig {
  const op = 'checkConfig';
  const oneOf = <T extends string>(name: string, value: unknown, options: readonly T[]): T => {
    if (!options.includes(value as T)) throw new ValueError(op, `${name} must be one of ${options.join(', ')}, got ${JSON.stringify(value)}`);
    return value as T;
  };
  const number = (name: string, value: unknown, min: number, max: number, { integer = false, minExclusive = false, maxExclusive = false } = {}): number => {
    const ok = typeof value === 'number' && Number.isFinite(value) && (minExclusive ? value > min : value >= min)
      && (maxExclusive ? value < max : value <= max) && (!integer || Number.isInteger(value));
    if (!ok) {
      const range = `${minExclusive ? '(' : '['}${min}, ${max}${maxExclusive ? ')' : ']'}`;
      throw new ValueError(op, `${name} must be ${integer ? 'an integer' : 'a number'} in ${range}, got ${String(value)}`);
    }
    return value as number;
  };
  if (!Array.isArray(config.hidden) || config.hidden.length > LIMITS.hiddenLayers) {
    throw new ValueError(op, `hidden must be a list of at most ${LIMITS.hiddenLayers} layers, got ${JSON.stringify(config.hidden)}`);
  }
  const hidden = config.hidden.map((layer, i) => Object.freeze({
    units: number(`hidden[${i}].units`, layer?.units, LIMITS.units[0], LIMITS.units[1], { integer: true }),
    neuron: oneOf(`hidden[${i}].neuron`, layer?.neuron, HIDDEN_NEURONS),
  }));
  return Object.freeze({
    dataset: oneOf('dataset', config.dataset, DATASETS),
    samples: number('samples', config.samples, LIMITS.samples[0], LIMITS.samples[1], { integer: true }),
    noise: number('noise', config.noise, 0, 1),
    trainRatio: number('trainRatio', config.trainRatio, 0.1, 0.9),
    hidden: Object.freeze(hidden),
    output: oneOf('output', config.output, OUTPUT_NEURONS),
    batchSize: number('batchSize', config.batchSize, 0, LIMITS.samples[1], { integer: true }),
    optimizer: oneOf('optimizer', config.optimizer, OPTIMIZERS),
    learningRate: number('learningRate', config.learningRate, 0, 100, { minExclusive: true }),
    momentum: number('momentum', config.momentum, 0, 1, { maxExclusive: true }),
    rmsAlpha: number('rmsAlpha', config.rmsAlpha, 0, 1, { maxExclusive: true }),
    beta1: number('beta1', config.beta1, 0, 1, { maxExclusive: true }),
    beta2: number('beta2', config.beta2, 0, 1, { maxExclusive: true }),
    schedule: oneOf('schedule', config.schedule, SCHEDULES),
    decay: number('decay', config.decay, 0, 1, { minExclusive: true }),
    decayEpochs: number('decayEpochs', config.decayEpochs, 1, 100_000, { integer: true }),
    l2: number('l2', config.l2, 0, 10),
    l1: number('l1', config.l1, 0, 10),
    dropout: number('dropout', config.dropout, 0, 0.9),
    inputNoise: number('inputNoise', config.inputNoise, 0, 2),
    maxNorm: number('maxNorm', config.maxNorm, 0, 100),
    earlyStopping: number('earlyStopping', config.earlyStopping, 0, 10_000, { integer: true }),
    seed: number('seed', config.seed, 0, 2 ** 31 - 1, { integer: true }),
    backend: oneOf('backend', config.backend, BACKENDS),
  });
}
