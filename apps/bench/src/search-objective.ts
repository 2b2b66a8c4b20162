import {
  type Dataset, accuracy, activation, createRng, dataset, dense, fit, predict, sequential, sgd, softmaxCrossEntropy, tensor,
} from '@nn/core';

/** The hyper-parameters of one trial of the search workload. */
export interface SearchTrialParams {
  readonly lr: number;
  readonly units: number;
  readonly act: 'relu' | 'tanh';
  readonly momentum: number;
}

/** Two interleaved half-moons in 2-D with Gaussian noise (σ = 0.2), class 0 and 1 alternating. */
export function twoMoons(n: number, seed: number): Dataset {
  const rng = createRng(seed);
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = Math.PI * rng.uniform();
    const c = i % 2;
    x[2 * i] = (c === 0 ? Math.cos(t) : 1 - Math.cos(t)) + rng.normal(0, 0.2);
    x[2 * i + 1] = (c === 0 ? Math.sin(t) : 0.5 - Math.sin(t)) + rng.normal(0, 0.2);
    y[i] = c;
  }
  return dataset(tensor(x, [n, 2]), tensor(y, [n], 'int32'));
}

const TRAIN = twoMoons(512, 1);
const VALID = twoMoons(256, 2);
export const OBJECTIVE_EPOCHS = 40;

/**
 * One trial: a 2-units-units-2 MLP trained by SGD (batch 32, 40 epochs) on 512 two-moons samples;
 * the score is the error rate on 256 validation samples. Plain TypeScript CPU backend, one thread.
 */
export async function objective(params: SearchTrialParams, { seed }: { seed: number }): Promise<number> {
  const rng = createRng(seed);
  const model = sequential(dense(2, params.units, { rng }), activation(params.act), dense(params.units, params.units, { rng }), activation(params.act), dense(params.units, 2, { rng }));
  await fit(model, TRAIN, {
    loss: softmaxCrossEntropy, optimizer: sgd(params.lr, { momentum: params.momentum }), epochs: OBJECTIVE_EPOCHS, batchSize: 32, seed, progress: false,
  });
  return 1 - accuracy(predict(model, VALID.x), VALID.y);
}
