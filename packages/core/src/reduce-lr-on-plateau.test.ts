import { dense } from '@nn/layers';
import { meanSquaredError } from '@nn/losses';
import { getHyperparams, injectHyperparams, sgd } from '@nn/optim';
import { type EpochLogs, type FitControl, type GradientTransformation, type Params, type UpdateContext, ValueError, createRng, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { fit } from './fit';
import { reduceLrOnPlateau } from './reduce-lr-on-plateau';

const fakeModel = { kind: 'fake', config: {}, params: {}, forward: (x: never) => x };
const logs = (epoch: number, valLoss: number, metrics: Record<string, number> = {}): EpochLogs => ({
  epoch, loss: 1, metrics, valLoss, seconds: 0, samplesPerSecond: 0,
});

/** A control as fit gives it, holding an injectHyperparams(sgd) state with η = `lr`. */
function controlWith(lr: number): FitControl {
  const opt = injectHyperparams((h) => sgd(h.learningRate), { learningRate: lr });
  return { model: fakeModel, stop: () => {}, optimizerState: opt.init({ w: tensor([0]) }) };
}

describe('reduceLrOnPlateau', () => {
  it('follows Keras’s rules: patience, minDelta, cooldown, minLr (by hand)', async () => {
    // patience 2, factor ½, minDelta 0.01, cooldown 2, minLr 0.02, η = 0.1:
    // e1 1.00 best · e2 0.995 (not below 0.99) wait 1 · e3 0.98 best · e4 0.975 wait 1 · e5 0.99 wait 2 → η 0.05
    // e6 cooldown 2→1, skipped · e7 cooldown 1→0, wait 1 · e8 wait 2 → η 0.025
    // e9 0.96 best (cooldown →1) · e10 cooldown →0, wait 1 · e11 wait 2 → η max(0.0125, 0.02) = 0.02
    // e12 skipped · e13 wait 1 · e14 wait 2, but η is at minLr: no change · e15 none
    const cb = reduceLrOnPlateau({ patience: 2, factor: 0.5, minDelta: 0.01, cooldown: 2, minLr: 0.02 });
    const control = controlWith(0.1);
    await cb.onTrainBegin!({ epochs: 15, batchesPerEpoch: 1, samples: 1, validationSamples: 1, metricNames: [] }, control);
    const values = [1, 0.995, 0.98, 0.975, 0.99, 0.99, 0.99, 0.99, 0.96, 0.96, 0.96, 0.96, 0.96, 0.96, 0.96];
    for (const [i, v] of values.entries()) await cb.onEpochEnd!(logs(i + 1, v), control);
    expect(cb.reductions).toEqual([
      { epoch: 5, from: 0.1, to: 0.05 },
      { epoch: 8, from: 0.05, to: 0.025 },
      { epoch: 11, from: 0.025, to: 0.02 },
    ]);
    expect(getHyperparams(control.optimizerState)).toEqual({ learningRate: 0.02 });
  });

  it('watches a metric that should rise in max mode (auto for accuracy names)', async () => {
    // patience 1: accuracy 0.5, 0.6 (better), 0.6 (not better) → reduce after epoch 3
    const cb = reduceLrOnPlateau({ monitor: 'val_accuracy', patience: 1, minDelta: 0 });
    const control = controlWith(1);
    await cb.onTrainBegin!({ epochs: 3, batchesPerEpoch: 1, samples: 1, validationSamples: 1, metricNames: ['accuracy'] }, control);
    for (const [i, acc] of [0.5, 0.6, 0.6].entries()) await cb.onEpochEnd!({ ...logs(i + 1, 1), valMetrics: { accuracy: acc } }, control);
    expect(cb.reductions).toEqual([{ epoch: 3, from: 1, to: 0.1 }]);
  });

  it('cuts η in fit when the validation loss plateaus, and fit steps with the new rate from the next update', async () => {
    // y = 2x + 1 on four points (a dense(1, 1) fits it exactly); the validation targets are off the
    // line, so the validation loss settles at a floor > 0 and stops improving.
    const train = { x: tensor([[-1], [0], [1], [2]], undefined, 'float64'), y: tensor([[-1], [1], [3], [5]], undefined, 'float64') };
    const validationData = { x: tensor([[0.5], [1.5]], undefined, 'float64'), y: tensor([[2.3], [3.7]], undefined, 'float64') };
    const used: number[] = [];
    const optimizer = injectHyperparams((h) => {
      const inner = sgd(h.learningRate);
      const update = <P extends Params>(g: P, s: ReturnType<typeof inner.init>, p?: P, c?: UpdateContext) => {
        used.push(h.learningRate);
        return inner.update(g, s, p, c);
      };
      return { init: inner.init, update };
    }, { learningRate: 0.2 });
    const cb = reduceLrOnPlateau({ patience: 3, factor: 0.5, minDelta: 1e-3 });
    const model = dense(1, 1, { rng: createRng(0), dtype: 'float64' });
    const history = await fit(model, train, { loss: meanSquaredError, optimizer, epochs: 40, batchSize: 'full', validationData, callbacks: [cb], progress: false });
    expect(cb.reductions.length).toBeGreaterThan(0);
    const val = history.epochs.map((e) => e.valLoss!);
    for (const { epoch, from, to } of cb.reductions) {
      // one update per epoch: update `epoch − 1` (0-based) ran at the old rate, the next at the new one
      expect([used[epoch - 1], used[epoch]]).toEqual([from, to]);
      expect(to).toBeCloseTo(from / 2, 15);
      // none of the 3 epochs up to the reduction beat the best before them by more than minDelta
      const bestBefore = Math.min(...val.slice(0, epoch - 3));
      expect(Math.min(...val.slice(epoch - 3, epoch))).toBeGreaterThanOrEqual(bestBefore - 1e-3);
    }
  });

  it('fails with the figure’s name when the monitor is never logged, or η is not an injected hyper-parameter', async () => {
    const data = { x: tensor([[0], [1]]), y: tensor([[0], [1]]) };
    const optimizer = injectHyperparams((h) => sgd(h.learningRate), { learningRate: 0.1 });
    const run = (callbacks: ReturnType<typeof reduceLrOnPlateau>[], opt: GradientTransformation<any> = optimizer) =>
      fit(dense(1, 1, { rng: createRng(0) }), data, { loss: meanSquaredError, optimizer: opt, epochs: 2, callbacks, progress: false });
    await expect(run([reduceLrOnPlateau()])).rejects.toThrow(ValueError);
    await expect(run([reduceLrOnPlateau()])).rejects.toThrow(/reduceLrOnPlateau.*monitor 'valLoss' is not in the epoch's logs, which have loss \(give fit validationData or validationSplit\)/);
    await expect(run([reduceLrOnPlateau({ monitor: 'loss' })], sgd(0.1))).rejects.toThrow(/holds no hyper-parameter 'learningRate'; make the optimizer with injectHyperparams/);
    expect(() => reduceLrOnPlateau({ factor: 1 })).toThrow(/factor must be a number in \(0, 1\), got 1/);
    expect(() => reduceLrOnPlateau({ patience: -1 })).toThrow(/patience must be an integer ≥ 0, got -1/);
  });
});
