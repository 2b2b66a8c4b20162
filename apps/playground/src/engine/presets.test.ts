import { describe, expect, it } from 'vitest';
import { checkConfig } from './config';
import { PRESETS, presetById } from './presets';
import { createTrainer } from './trainer';

describe('PRESETS', () => {
  it('are valid configurations with unique ids, each building a trainer', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    for (const preset of PRESETS) {
      expect(checkConfig(preset.config)).toEqual(preset.config);
      expect(preset.lesson.length).toBeGreaterThan(40);
      const trainer = createTrainer(preset.config);
      expect(trainer.history).toHaveLength(1);
      expect(Number.isFinite(trainer.history[0].trainLoss)).toBe(true);
    }
  });

  it('cover the lessons the course asks for', () => {
    for (const id of ['perceptron-separable', 'perceptron-xor', 'xor-hidden', 'rate-too-high', 'plain-descent', 'momentum', 'overfitting', 'early-stopping', 'dropout']) {
      expect(presetById(id), id).toBeDefined();
    }
    expect(presetById('nope')).toBeUndefined();
  });

  it('perceptron-separable: Rosenblatt\'s rule converges, every training point right (Novikoff: finitely many mistakes)', () => {
    const trainer = createTrainer(presetById('perceptron-separable')!.config);
    for (let e = 0; e < 50 && trainer.stoppedBecause === undefined; e++) trainer.trainEpoch();
    expect(trainer.stoppedBecause).toMatch(/^converged in epoch \d+/);
    expect(trainer.history.at(-1)!.trainError).toBe(0);
    // The criterion max(0, −t·z) is 0 exactly when every point is on its side.
    expect(trainer.history.at(-1)!.trainLoss).toBe(0);
  });

  it('perceptron-xor: no line separates XOR, so every epoch leaves points on the wrong side', () => {
    const trainer = createTrainer(presetById('perceptron-xor')!.config);
    for (let e = 0; e < 8; e++) trainer.trainEpoch();
    expect(trainer.stoppedBecause).toBeUndefined();
    // At least one of the four corner clouds is on the wrong side of any line: ≥ 1/8 of the points, roughly.
    for (const r of trainer.history.slice(1)) expect(r.trainError).toBeGreaterThan(0.1);
  });

  it('rate-too-high diverges, and the same run at η = 0.3 lowers the loss at every epoch', () => {
    const config = presetById('rate-too-high')!.config;
    const high = createTrainer(config);
    for (let e = 0; e < 100 && high.stoppedBecause === undefined; e++) high.trainEpoch();
    expect(high.stoppedBecause).toMatch(/^diverged/);
    // Full-batch descent on a quadratic with η < 2/λmax decreases the loss monotonically.
    const low = createTrainer({ ...config, learningRate: 0.3 });
    for (let e = 0; e < 30; e++) low.trainEpoch();
    const losses = low.history.map((r) => r.trainLoss);
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]);
  });

  it('momentum reaches a lower training loss than plain descent in the same 60 epochs', () => {
    const run = (id: string) => {
      const trainer = createTrainer(presetById(id)!.config);
      for (let e = 0; e < 60; e++) trainer.trainEpoch();
      return trainer.history.at(-1)!.trainLoss;
    };
    expect(run('momentum')).toBeLessThan(0.7 * run('plain-descent'));
  });

  it('overfitting: the training loss keeps falling while the test loss turns up; dropout with max-norm holds it down', () => {
    const run = (id: string) => {
      const trainer = createTrainer(presetById(id)!.config);
      for (let e = 0; e < 120; e++) trainer.trainEpoch();
      return trainer.history;
    };
    const overfit = run('overfitting');
    const bestTest = Math.min(...overfit.map((r) => r.testLoss));
    const last = overfit.at(-1)!;
    expect(last.trainLoss).toBeLessThan(0.1 * overfit[0].trainLoss);
    expect(last.testLoss).toBeGreaterThan(2 * bestTest);
    const dropout = run('dropout').at(-1)!;
    expect(dropout.testLoss).toBeLessThan(0.5 * last.testLoss);
  });
});
