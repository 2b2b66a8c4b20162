import { createRng, zeros } from '@nn/core';
import * as tfl from '@tensorflow/tfjs-layers';
import * as brain from 'brain.js';
import convnetjs from 'convnetjs';
import { describe, expect, it } from 'vitest';
import { findLenet5 } from './nn-optional';
import {
  LENET5_FORWARD_FLOPS, LENET5_PARAMS, LENET5_SHAPES, MLP_FORWARD_FLOPS, MLP_PARAMS,
  brainMlp, brainParamCount, convnetLenet5, convnetMlp, convnetParamCount, convnetShapes,
  nnMlp, nnParamCount, tfjsLenet5, tfjsMlp, tfjsShapes,
} from './models';

// tfjs-layers registers its layers against tfjs-core, whose cpu backend must be loaded to build weights.
await import('@tensorflow/tfjs-backend-cpu');
(await import('@tensorflow/tfjs-core')).enableProdMode(); // no 'install tfjs-node' banner

describe('the workload constants', () => {
  it('count the parameters and forward flops of the MLP and LeNet-5', () => {
    expect(MLP_PARAMS).toBe(203_530);
    expect(LENET5_PARAMS).toBe(61_706);
    expect(MLP_FORWARD_FLOPS).toBe(406_528);
    expect(LENET5_FORWARD_FLOPS).toBe(833_040);
  });
});

describe('MLP 784-256-10', () => {
  it('@nn: dense, ReLU, dense; logits [N, 10]', () => {
    const model = nnMlp(createRng(0));
    expect(nnParamCount(model.params)).toBe(MLP_PARAMS);
    expect(model.forward(zeros([3, 784])).shape).toEqual([3, 10]);
  });

  it('tfjs-layers', () => {
    const model = tfjsMlp(tfl);
    expect(model.countParams()).toBe(MLP_PARAMS);
    expect(tfjsShapes(model)).toEqual([[256], [10]]);
    model.dispose();
  });

  it('ConvNetJS', () => {
    const net = convnetMlp(convnetjs);
    expect(convnetParamCount(net)).toBe(MLP_PARAMS);
    expect(convnetShapes(net)).toEqual([[256], [10]]);
    expect(net.forward(new convnetjs.Vol(28, 28, 1, 0)).w).toHaveLength(10);
  });

  it('brain.js, with ReLU everywhere', () => {
    const net = brainMlp(brain);
    expect(brainParamCount(net)).toBe(MLP_PARAMS);
    expect(net.sizes).toEqual([784, 256, 10]);
    expect(net.run(new Float32Array(784) as never)).toHaveLength(10);
  });
});

describe('LeNet-5', () => {
  it('tfjs-layers: the layer output shapes and 61,706 parameters', () => {
    const model = tfjsLenet5(tfl);
    expect(model.countParams()).toBe(LENET5_PARAMS);
    expect(tfjsShapes(model)).toEqual(LENET5_SHAPES);
    model.dispose();
  });

  it('ConvNetJS: the same shapes (x, y, depth; its dense layers read volumes, no flatten) and parameter count', () => {
    const net = convnetLenet5(convnetjs);
    expect(convnetParamCount(net)).toBe(LENET5_PARAMS);
    expect(convnetShapes(net)).toEqual(LENET5_SHAPES.filter((shape) => shape[0] !== 400));
    expect(net.layers.filter((l) => l.layer_type === 'relu')).toHaveLength(4);
  });
});

describe('@nn LeNet-5 (lenet5 from @nn/core, when it exports it)', () => {
  const lenet5 = findLenet5();
  it.skipIf(!lenet5.ok)('has the 61,706 parameters of the peers and gives [N, 10] logits for [N, 1, 28, 28]', () => {
    if (!lenet5.ok) return;
    const model = lenet5.value({ activation: 'relu', pooling: 'max', rng: createRng(0) });
    expect(nnParamCount(model.params)).toBe(LENET5_PARAMS);
    expect(model.forward(zeros([2, 1, 28, 28])).shape).toEqual([2, 10]);
  });
});
