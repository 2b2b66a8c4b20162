import { ValueError } from '@nn/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './config';
import { makeData } from './make-data';
import { presetById } from './presets';
import { createTrainer } from './trainer';

describe('createTrainer', () => {
  it('a few epochs of the XOR preset bring the test loss from ln 2 (chance) to below 0.3', () => {
    const trainer = createTrainer(presetById('xor-hidden')!.config);
    // Small starting weights give z ≈ 0, σ(z) ≈ ½: a cross-entropy near ln 2 ≈ 0.693.
    expect(trainer.history[0].testLoss).toBeGreaterThan(0.6);
    for (let e = 0; e < 20; e++) trainer.trainEpoch();
    const last = trainer.history.at(-1)!;
    expect(last.epoch).toBe(20);
    expect(last.testLoss).toBeLessThan(0.3);
    expect(last.testError).toBeLessThan(0.1);
    // 100 training points in batches of 10: 10 updates an epoch.
    expect(trainer.steps).toBe(200);
  });

  it('repeats exactly for the same configuration', () => {
    const a = createTrainer(DEFAULT_CONFIG);
    const b = createTrainer(DEFAULT_CONFIG);
    for (let e = 0; e < 3; e++) {
      a.trainEpoch();
      b.trainEpoch();
    }
    expect(b.history).toEqual(a.history);
  });

  it('replays its steps (recorded on the first batches) with the same results as eager steps, bit for bit', () => {
    for (const config of [
      { ...DEFAULT_CONFIG, hidden: [{ units: 8, neuron: 'tanh' as const }, { units: 8, neuron: 'tanh' as const }], l2: 1e-3 },
      { ...DEFAULT_CONFIG, output: 'step' as const, hidden: [], optimizer: 'sgd' as const, momentum: 0 },
      { ...DEFAULT_CONFIG, dropout: 0.3 }, // random: every step runs eagerly
    ]) {
      const [replayed, eager] = [createTrainer(config), createTrainer(config, { replaySteps: false })];
      for (let i = 0; i < 15; i++) {
        replayed.trainEpoch();
        eager.trainEpoch();
      }
      expect(replayed.history).toEqual(eager.history);
      expect(replayed.surface(8)).toEqual(eager.surface(8));
    }
  });

  it('trainFor slices epochs anywhere (one update at a time with no time) and gets the same run as whole epochs', () => {
    const whole = createTrainer(DEFAULT_CONFIG);
    for (let e = 0; e < 3; e++) whole.trainEpoch();
    const sliced = createTrainer(DEFAULT_CONFIG);
    let calls = 0;
    while (sliced.history.length < 4) {
      sliced.trainFor(0);
      calls++;
    }
    // 100 training points in batches of 10: 30 updates, one a call, and a call per epoch that finds
    // its batches used up and measures the epoch.
    expect(calls).toBe(33);
    expect(sliced.history).toEqual(whole.history);
  });

  it('early stopping ends on the best epoch\'s weights: the last record has the lowest test loss seen', () => {
    const trainer = createTrainer(presetById('early-stopping')!.config);
    for (let e = 0; e < 200 && trainer.stoppedBecause === undefined; e++) trainer.trainEpoch();
    expect(trainer.stoppedBecause).toMatch(/^early stopping: .* the weights of epoch \d+ are back/);
    const best = Math.min(...trainer.history.slice(0, -1).map((r) => r.testLoss));
    expect(trainer.history.at(-1)!.testLoss).toBeCloseTo(best, 6);
    // It does not train on once stopped.
    const before = trainer.history.length;
    trainer.trainEpoch();
    expect(trainer.history).toHaveLength(before);
  });

  it('draws surfaces on the grid: confidences in [0, 1], one surface per hidden unit', () => {
    const trainer = createTrainer(DEFAULT_CONFIG);
    const surface = trainer.surface(12);
    expect(surface).toHaveLength(144);
    expect(surface.every((v) => v >= 0 && v <= 1)).toBe(true);
    const units = trainer.unitSurfaces(12);
    expect(units.map((layer) => layer.length)).toEqual(DEFAULT_CONFIG.hidden.map((l) => l.units));
    // tanh units: values in (−1, 1).
    expect(units.flat().every((s) => s.length === 144 && s.every((v) => v > -1 && v < 1))).toBe(true);
  });

  it('gives the perceptron\'s own line when there is no hidden layer, and the line classifies as the model does', () => {
    const trainer = createTrainer(presetById('perceptron-separable')!.config);
    trainer.trainEpoch();
    const lines = trainer.firstLayerLines();
    expect(lines).toHaveLength(1);
    const { w1, w2, b } = lines[0];
    const x = trainer.data.train.x.dataSync();
    const y = trainer.data.train.y.dataSync();
    const wrongByLine = Array.from(y).filter((label, i) => ((w1 * x[2 * i] + w2 * x[2 * i + 1] + b >= 0) ? 1 : 0) !== label).length;
    expect(wrongByLine / y.length).toBeCloseTo(trainer.history.at(-1)!.trainError, 10);
  });

  it('setWeights takes a trained model\'s weights (the same surface) and refuses another architecture', () => {
    const trained = createTrainer(DEFAULT_CONFIG);
    for (let e = 0; e < 3; e++) trained.trainEpoch();
    const fresh = createTrainer(DEFAULT_CONFIG);
    fresh.setWeights(trained.network.model);
    expect(fresh.surface(8)).toEqual(trained.surface(8));
    expect(fresh.history.at(-1)!.testLoss).toBe(trained.history.at(-1)!.testLoss);
    const other = createTrainer({ ...DEFAULT_CONFIG, hidden: [{ units: 3, neuron: 'tanh' }] });
    expect(() => fresh.setWeights(other.network.model)).toThrow();
  });

  it('rejects a bad configuration with a ValueError naming the field', () => {
    expect(() => createTrainer({ ...DEFAULT_CONFIG, learningRate: -1 })).toThrow(ValueError);
    expect(() => createTrainer({ ...DEFAULT_CONFIG, learningRate: -1 })).toThrow(/learningRate/);
  });
});

describe('makeData', () => {
  it('splits the points by trainRatio, labels 0 and 1, the same points for the same seed', () => {
    for (const dataset of ['xor', 'moons', 'spirals', 'circles', 'blobs', 'separable'] as const) {
      const config = { dataset, samples: 100, noise: 0.1, trainRatio: 0.7, seed: 3 };
      const { train, test } = makeData(config);
      expect([train.x.shape, test.x.shape]).toEqual([[70, 2], [30, 2]]);
      expect(new Set([...train.y.dataSync(), ...test.y.dataSync()])).toEqual(new Set([0, 1]));
      expect(Array.from(train.x.dataSync()).every((v) => Math.abs(v) < 2)).toBe(true);
      expect(makeData(config).train.x.dataSync()).toEqual(train.x.dataSync());
    }
  });
});
