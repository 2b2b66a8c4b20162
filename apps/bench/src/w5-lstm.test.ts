import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { treeLeaves, zeros } from '@nn/core';
import { LSTM_FORWARD_FLOPS, LSTM_MODEL_PARAMS, lstmFigure, lstmTrainGflops, nnLstmModel, tfjsLstmModel } from './w5-lstm';

tf.enableProdMode();

describe('the W5 model', () => {
  it('has 81,674 parameters in @nn and in TensorFlow.js: 28·512 + 128·512 + 512 (LSTM) + 128·10 + 10 (dense)', () => {
    expect(LSTM_MODEL_PARAMS).toBe(14_336 + 65_536 + 512 + 1_280 + 10);
    expect(treeLeaves(nnLstmModel().params).reduce((n, t) => n + t.size, 0)).toBe(81_674);
    tf.setBackend('cpu');
    const model = tfjsLstmModel(tfl);
    expect(model.countParams()).toBe(81_674);
    expect(model.outputs[0].shape).toEqual([null, 10]);
    model.dispose();
  });

  it('reads [N, 28, 28] and gives [N, 10] logits in @nn', () => {
    const model = nnLstmModel();
    expect(model.forward(zeros([2, 28, 28])).shape).toEqual([2, 10]);
  });
});

describe('the figures derived from a W5 timing', () => {
  it('counts 28 steps of x·W (28 × 512) and h·U (128 × 512), then 128 × 10, at 2 flops per multiply-add', () => {
    // 28 · 2 · (14,336 + 65,536) + 2 · 1,280 = 4,472,832 + 2,560
    expect(LSTM_FORWARD_FLOPS).toBe(4_475_392);
    expect(lstmTrainGflops(1e9 / (3 * 4_475_392))).toBeCloseTo(1, 12);
  });

  it('turns the median step time into samples/s of batches of 64', () => {
    // 64 samples in 100 ms = 640 samples/s
    const f = lstmFigure({ medianMs: 100, runs: 20 });
    expect(f.samplesPerSecond).toBeCloseTo(640, 9);
    expect(f.gflops).toBeCloseTo((640 * 3 * 4_475_392) / 1e9, 9);
    expect(f.detail).toEqual({ medianMs: 100, runs: 20, batch: 64, params: 81_674 });
  });
});
