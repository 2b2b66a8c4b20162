import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { cpuModel } from './machine';
import { planFor } from './plan';
import { type Trainer, runTraining } from './train';
import { mlpTrainGflops } from './w2-mlp';
import { sgemmGflops } from './w1-sgemm';
import { lenetTrainGflops, tfjsConvTrainingGap } from './w3-lenet';

tf.enableProdMode();

describe('the figures derived from timings', () => {
  it('count 2n³ flops per sgemm and 3× the forward flops per trained sample', () => {
    expect(sgemmGflops(1000, 1000)).toBeCloseTo(2, 12);
    expect(mlpTrainGflops(1e9 / (3 * 406_528))).toBeCloseTo(1, 12);
    expect(lenetTrainGflops(1e9 / (3 * 833_040))).toBeCloseTo(1, 12);
  });
});

describe('runTraining', () => {
  it('runs the warm-up pass, the timed pass, then full epochs up to the accuracy epochs', async () => {
    const calls: [number, number][] = [];
    let disposed = false;
    const trainer: Trainer = { epoch: (count, seed) => void calls.push([count, seed]), accuracy: () => 0.5, dispose: () => void (disposed = true) };
    const result = await runTraining(trainer, { warmup: 8000, timed: 8000, accuracyEpochs: 5 });
    expect(calls.map(([count]) => count)).toEqual([8000, 8000, 8000, 8000, 8000]);
    expect(new Set(calls.map(([, seed]) => seed)).size).toBe(5);
    expect(result.accuracy).toBe(0.5);
    expect(result.detail).toMatchObject({ warmupSamples: 8000, timedSamples: 8000, accuracyEpochs: 5 });
    expect(disposed).toBe(true);
  });

  it('skips the accuracy run when the plan has none', async () => {
    const counts: number[] = [];
    const result = await runTraining({ epoch: (count) => void counts.push(count), accuracy: () => 1 }, { warmup: 64, timed: 256, accuracyEpochs: 0 });
    expect(counts).toEqual([64, 256]);
    expect(result.accuracy).toBeUndefined();
    expect(result.samplesPerSecond).toBeGreaterThan(0);
  });
});

describe('planFor', () => {
  it('--quick: fewer sgemm sizes and samples, no accuracy runs', () => {
    const quick = planFor(true);
    const full = planFor(false);
    expect(quick.sgemmSizes.length).toBeLessThan(full.sgemmSizes.length);
    expect(full.sgemmSizes).toEqual([128, 256, 512, 1024]);
    for (const p of [quick.mlp.batched, quick.mlp.tfjsCpu, quick.mlp.perSample, quick.mlp.brain, quick.lenet.batched]) expect(p.accuracyEpochs).toBe(0);
    expect(full.mlp.batched).toEqual({ warmup: 8000, timed: 8000, accuracyEpochs: 5 });
    expect(quick.mlp.batched.timed).toBeLessThan(full.mlp.batched.timed);
  });
});

describe('tfjsConvTrainingGap', () => {
  it('finds the conv gradient kernels that tfjs wasm lacks, and none missing on cpu', () => {
    expect(tfjsConvTrainingGap(tf, 'cpu')).toBeUndefined();
    expect(tfjsConvTrainingGap(tf, 'wasm')).toMatch(/^tfjs wasm cannot train it: .*Conv2DBackpropFilter/);
  });
});

describe('cpuModel', () => {
  it("reads the first 'model name' of /proc/cpuinfo", () => {
    expect(cpuModel('processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t: sse\n')).toBe('AMD EPYC 7B13');
  });
});
