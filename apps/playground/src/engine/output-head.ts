import {
  type Tensor, add, binaryCrossEntropy, clip, fromTypedArray, greaterEqual, meanSquaredError, mul, perceptronCriterion, sigmoid, tanh,
} from '@nn/core';
import type { OutputNeuron } from './config';

/** What the output unit makes of the score z, and the loss it is trained with. */
export interface OutputHead {
  readonly neuron: OutputNeuron;
  /** The loss's name, for the page. */
  readonly lossName: string;
  /** The targets the loss wants, [N, 1], from 0/1 labels: 0/1 for the logistic unit, −1/+1 for the others. */
  targets(labels: Tensor): Tensor;
  /** The loss of scores z [N, 1] against `targets(labels)`. */
  loss(z: Tensor, targets: Tensor): Tensor;
  /** The output unit's answer mapped to [0, 1] (1 = class 1), for colouring the plane; class 1 where z ≥ 0. */
  confidence(z: Tensor): Tensor;
}

/**
 * logistic: σ(z) with the binary cross-entropy; tanh: tanh(z) with the squared error on ±1; linear:
 * z itself with the squared error on ±1 (Adaline, the delta rule); step: H(z) with the perceptron
 * criterion max(0, −t·z), whose online gradient step is Rosenblatt's rule.
 */
export function outputHead(neuron: OutputNeuron): OutputHead {
  const bipolar = (labels: Tensor) => fromTypedArray(Float32Array.from(labels.dataSync(), (t) => 2 * t - 1), [labels.shape[0], 1], 'float32');
  switch (neuron) {
    case 'logistic':
      return {
        neuron, lossName: 'cross-entropy',
        targets: (labels) => fromTypedArray(Float32Array.from(labels.dataSync()), [labels.shape[0], 1], 'float32'),
        loss: binaryCrossEntropy,
        confidence: sigmoid,
      };
    case 'tanh':
      return {
        neuron, lossName: 'squared error',
        targets: bipolar,
        loss: (z, t) => meanSquaredError(tanh(z), t),
        confidence: (z) => add(mul(tanh(z), 0.5), 0.5),
      };
    case 'linear':
      return {
        neuron, lossName: 'squared error',
        targets: bipolar,
        loss: meanSquaredError,
        confidence: (z) => add(mul(clip(z, -1, 1), 0.5), 0.5),
      };
    case 'step':
      return {
        neuron, lossName: 'perceptron criterion',
        targets: bipolar,
        loss: perceptronCriterion,
        confidence: (z) => greaterEqual(z, 0),
      };
  }
}
