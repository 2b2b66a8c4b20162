/**
 * The two networks of the bench, built in each library:
 * - MLP 784-256-10: dense 256, ReLU, dense 10, trained on softmax cross-entropy (203,530 parameters);
 * - LeNet-5: conv 5×5×6 pad 2, ReLU, max-pool 2, conv 5×5×16, ReLU, max-pool 2, dense 120, ReLU,
 *   dense 84, ReLU, dense 10 (61,706 parameters).
 */
import { type Layer, type Params, type Rng, activation, dense, sequential, treeLeaves } from '@nn/core';
import type { LayersModel, Sequential } from '@tensorflow/tfjs-layers';
import type { Net } from 'convnetjs';
import type { Brain, ConvNetJs, Tfl } from './peers';

export const MLP_PARAMS = 784 * 256 + 256 + 256 * 10 + 10;
export const LENET5_PARAMS = (5 * 5 * 1 * 6 + 6) + (5 * 5 * 6 * 16 + 16) + (400 * 120 + 120) + (120 * 84 + 84) + (84 * 10 + 10);

/** Multiply-adds count 2 flops; training is taken as 3× the forward pass (forward, two backward products). */
export const MLP_FORWARD_FLOPS = 2 * (784 * 256 + 256 * 10);
export const LENET5_FORWARD_FLOPS = 2 * (28 * 28 * 6 * 25 + 10 * 10 * 16 * 150 + 400 * 120 + 120 * 84 + 84 * 10);
export const TRAIN_FLOPS_FACTOR = 3;

/** The layer output shapes of LeNet-5 for one 28×28 image (channels last). */
export const LENET5_SHAPES = [[28, 28, 6], [14, 14, 6], [10, 10, 16], [5, 5, 16], [400], [120], [84], [10]];

// ---------------------------------------------------------------- @nn

export function nnMlp(rng: Rng): Layer {
  return sequential(dense(784, 256, { rng }), activation('relu'), dense(256, 10, { rng }));
}

export function nnParamCount(params: Params): number {
  return treeLeaves(params).reduce((n, t) => n + t.size, 0);
}

// ---------------------------------------------------------------- TensorFlow.js (tfjs-layers)

/** Logits out; trained with tf.losses.softmaxCrossEntropy like @nn's softmaxCrossEntropy. */
export function tfjsMlp(tfl: Tfl): Sequential {
  const model = tfl.sequential();
  model.add(tfl.layers.dense({ inputShape: [784], units: 256, activation: 'relu' }));
  model.add(tfl.layers.dense({ units: 10 }));
  return model;
}

/** Channels last: input [N, 28, 28, 1] (the same bytes as MNIST's [N, 784]). */
export function tfjsLenet5(tfl: Tfl): Sequential {
  const model = tfl.sequential();
  model.add(tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' }));
  model.add(tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tfl.layers.conv2d({ filters: 16, kernelSize: 5, padding: 'valid', activation: 'relu' }));
  model.add(tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tfl.layers.flatten());
  model.add(tfl.layers.dense({ units: 120, activation: 'relu' }));
  model.add(tfl.layers.dense({ units: 84, activation: 'relu' }));
  model.add(tfl.layers.dense({ units: 10 }));
  return model;
}

/** Each layer's output shape without the batch dimension. */
export function tfjsShapes(model: LayersModel): number[][] {
  return model.layers.map((l) => (l.outputShape as (number | null)[]).slice(1) as number[]);
}

// ---------------------------------------------------------------- ConvNetJS

const input = { type: 'input', out_sx: 28, out_sy: 28, out_depth: 1 };

/** The 'softmax' layer is dense 10 + softmax with its cross-entropy loss. */
export function convnetMlp(convnetjs: ConvNetJs): Net {
  const net = new convnetjs.Net();
  net.makeLayers([input, { type: 'fc', num_neurons: 256, activation: 'relu' }, { type: 'softmax', num_classes: 10 }]);
  return net;
}

export function convnetLenet5(convnetjs: ConvNetJs): Net {
  const net = new convnetjs.Net();
  net.makeLayers([
    input,
    { type: 'conv', sx: 5, filters: 6, stride: 1, pad: 2, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 0, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'fc', num_neurons: 120, activation: 'relu' },
    { type: 'fc', num_neurons: 84, activation: 'relu' },
    { type: 'softmax', num_classes: 10 },
  ]);
  return net;
}

export function convnetParamCount(net: Net): number {
  return net.getParamsAndGrads().reduce((n, pg) => n + pg.params.length, 0);
}

/** Output shapes [sx, sy, depth] of the layers that change the shape (ReLU and softmax layers skipped). */
export function convnetShapes(net: Net): number[][] {
  return net.layers
    .filter((l) => l.layer_type !== 'input' && l.layer_type !== 'relu' && l.layer_type !== 'softmax')
    .map((l) => (l.out_sx === 1 && l.out_sy === 1 ? [l.out_depth] : [l.out_sx, l.out_sy, l.out_depth]));
}

// ---------------------------------------------------------------- brain.js

/**
 * brain.js's NeuralNetwork: every layer, the output one too, uses the one activation (here ReLU), and it
 * learns by online gradient descent on the squared error of the outputs (no softmax, no mini-batches).
 */
export function brainMlp(brain: Brain): BrainNet {
  const net: BrainNet = new brain.NeuralNetwork({ inputSize: 784, hiddenLayers: [256], outputSize: 10, activation: 'relu' });
  net.initialize();
  return net;
}

export type BrainNet = InstanceType<Brain['NeuralNetwork']>;

/** Weights and biases of every layer after the input one. */
export function brainParamCount(net: BrainNet): number {
  let n = 0;
  for (let layer = 1; layer < net.sizes.length; layer++) {
    n += net.biases[layer].length + net.weights[layer].reduce((m, row) => m + row.length, 0);
  }
  return n;
}
