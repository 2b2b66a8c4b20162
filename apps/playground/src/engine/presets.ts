import { DEFAULT_CONFIG, type PlaygroundConfig, checkConfig } from './config';

/** A lesson: a configuration that reproduces one of the course's slides, and what to watch for. */
export interface Preset {
  readonly id: string;
  readonly title: string;
  /** What the learner should see, in a sentence or two. */
  readonly lesson: string;
  readonly config: PlaygroundConfig;
}

const perceptron: Partial<PlaygroundConfig> = {
  samples: 100, noise: 0, trainRatio: 0.8, hidden: [], output: 'step', batchSize: 1, optimizer: 'sgd', learningRate: 1,
};
const overfit: Partial<PlaygroundConfig> = {
  dataset: 'moons', samples: 60, noise: 0.3, trainRatio: 0.5, hidden: [{ units: 16, neuron: 'relu' }, { units: 16, neuron: 'relu' }],
  output: 'logistic', batchSize: 0, optimizer: 'adam', learningRate: 0.03,
};
const descent: Partial<PlaygroundConfig> = {
  dataset: 'moons', samples: 200, noise: 0.1, trainRatio: 0.5, hidden: [{ units: 8, neuron: 'tanh' }], output: 'logistic',
  batchSize: 0, learningRate: 0.1,
};

const lessons: readonly (Omit<Preset, 'config'> & { readonly config: Partial<PlaygroundConfig> })[] = [
  {
    id: 'perceptron-separable',
    title: 'Perceptron on separable data',
    lesson: 'One step neuron trained by Rosenblatt\'s rule (online, η = 1, the perceptron criterion): on linearly separable points it stops making mistakes after finitely many updates (Novikoff), and training stops by itself.',
    config: { ...perceptron, dataset: 'separable' },
  },
  {
    id: 'perceptron-xor',
    title: 'Perceptron on XOR',
    lesson: 'The same rule on XOR never converges: no line separates the two diagonals (Minsky & Papert), so every epoch makes mistakes and the line keeps moving.',
    config: { ...perceptron, dataset: 'xor' },
  },
  {
    id: 'xor-hidden',
    title: 'A hidden layer solves XOR',
    lesson: 'Four tanh hidden units learn features in which XOR becomes separable: watch each hidden unit\'s own surface, and the first-layer lines cut the plane into the four quadrants.',
    config: {
      dataset: 'xor', samples: 200, noise: 0.1, trainRatio: 0.5, hidden: [{ units: 4, neuron: 'tanh' }], output: 'logistic',
      batchSize: 10, optimizer: 'sgd', learningRate: 0.3,
    },
  },
  {
    id: 'rate-too-high',
    title: 'A learning rate too high',
    lesson: 'Adaline (a linear unit, squared error, batch learning) has a bowl for its error surface: above η = 2/λmax the steps overshoot further each time and the loss explodes. Lower the rate to 0.3 and it converges.',
    config: { dataset: 'blobs', samples: 200, noise: 0, trainRatio: 0.5, hidden: [], output: 'linear', batchSize: 0, optimizer: 'sgd', learningRate: 3 },
  },
  {
    id: 'plain-descent',
    title: 'Plain gradient descent',
    lesson: 'Batch gradient descent with η = 0.1 crawls along the flat directions of the error surface; compare the loss curve with the momentum lesson, which differs only in its optimizer.',
    config: { ...descent, optimizer: 'sgd' },
  },
  {
    id: 'momentum',
    title: 'Momentum against plain descent',
    lesson: 'The same network, rate and data with momentum μ = 0.9: the velocity builds up along consistent directions, and the loss falls in far fewer epochs than plain descent.',
    config: { ...descent, optimizer: 'momentum', momentum: 0.9 },
  },
  {
    id: 'overfitting',
    title: 'Overfitting',
    lesson: 'Two layers of 16 units on 30 noisy training points: the training loss keeps falling while the test loss turns up, and the boundary bends around single points.',
    config: overfit,
  },
  {
    id: 'early-stopping',
    title: 'Early stopping',
    lesson: 'The overfitting run, stopped once the test loss has not improved for 20 epochs, with the best epoch\'s weights put back (the playground has no separate validation set, so the test set plays that part here).',
    config: { ...overfit, earlyStopping: 20 },
  },
  {
    id: 'dropout',
    title: 'Dropout',
    lesson: 'The overfitting run with half the hidden units dropped at random in every step and each unit\'s incoming weights held to norm 1 (max-norm, as Srivastava et al. pair them): no unit can rely on another, the boundary stays smooth and the test loss stays near its best.',
    config: { ...overfit, dropout: 0.5, maxNorm: 1 },
  },
];

/** The lessons, each a full, checked configuration (defaults for whatever the lesson leaves alone). */
export const PRESETS: readonly Preset[] = lessons.map((p) => Object.freeze({ ...p, config: checkConfig({ ...DEFAULT_CONFIG, ...p.config }) }));

/** The preset with this id, or undefined. */
export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
