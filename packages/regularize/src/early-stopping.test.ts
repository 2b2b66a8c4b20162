import { describe, expect, it } from 'vitest';
import { type EpochLogs, type FitControl, type History, type Layer, ValueError, tensor } from '@nn/tensor';
import { type EarlyStoppingOptions, earlyStopping } from './early-stopping';

/**
 * A training loop's skeleton, as fit drives callbacks: after epoch e the weight is [e] and the logs
 * carry figures[e − 1] as `valLoss` (or as the metric named by `as`). Returns the epochs run, why it
 * stopped, and the weight the model holds at the end.
 */
async function run(figures: readonly number[], options: EarlyStoppingOptions, as: 'valLoss' | 'val_accuracy' = 'valLoss') {
  const params = { w: tensor([0]) };
  const model: Layer = { kind: 'fake', config: {}, params, forward: (x) => x };
  let stopped: string | undefined;
  const control: FitControl = { model, stop: (reason) => void (stopped ??= reason) };
  const cb = earlyStopping(options);
  const history: History = { epochs: [] };
  await cb.onTrainBegin?.({ epochs: figures.length, batchesPerEpoch: 1, samples: 1, validationSamples: 1, metricNames: [] }, control);
  for (let epoch = 1; epoch <= figures.length && stopped === undefined; epoch++) {
    params.w = tensor([epoch]);
    const f = figures[epoch - 1];
    const logs: EpochLogs = {
      epoch, loss: 1, metrics: {}, seconds: 0, samplesPerSecond: 0,
      ...(as === 'valLoss' ? { valLoss: f } : { valLoss: 1, valMetrics: { accuracy: f } }),
    };
    history.epochs.push(logs);
    await cb.onEpochEnd?.(logs, control);
  }
  if (stopped !== undefined) history.stoppedBecause = stopped;
  await cb.onTrainEnd?.(history, control);
  return { epochs: history.epochs.length, stopped, weight: params.w.item(), cb };
}

describe('earlyStopping', () => {
  it('stops after `patience` epochs without improvement and puts back the best epoch\'s weights', async () => {
    // best 0.5 at epoch 3; epochs 4 and 5 do not improve (wait 1, 2 > patience 1) → stop after epoch 5.
    const r = await run([0.9, 0.7, 0.5, 0.6, 0.55, 0.1], { patience: 1 });
    expect(r.epochs).toBe(5);
    expect(r.cb.stoppedEpoch).toBe(5);
    expect(r.cb.best).toEqual({ epoch: 3, value: 0.5 });
    expect(r.stopped).toMatch(/early stopping: valLoss has not improved on 0\.5000 \(epoch 3\) for 2 epochs/);
    expect(r.weight).toBe(3);
  });

  it('restores the best weights also when training ends by running out of epochs', async () => {
    const r = await run([0.9, 0.4, 0.6, 0.5], { patience: 10 });
    expect(r.epochs).toBe(4);
    expect(r.cb.stoppedEpoch).toBeUndefined();
    expect(r.weight).toBe(2);
  });

  it('leaves the last weights when restoreBestWeights is false', async () => {
    const r = await run([0.9, 0.4, 0.6, 0.7], { patience: 1, restoreBestWeights: false });
    expect(r.epochs).toBe(4);
    expect(r.weight).toBe(4);
  });

  it('counts an epoch as better only when it beats the best by more than minDelta', async () => {
    // 0.95 and 0.91 are within 0.1 of 1.0, so they do not improve: wait reaches 2 > patience 1 at epoch 3.
    const r = await run([1.0, 0.95, 0.91, 0.5], { patience: 1, minDelta: 0.1 });
    expect(r.epochs).toBe(3);
    expect(r.weight).toBe(1);
  });

  it("maximizes accuracy-like figures in 'auto' mode", async () => {
    const r = await run([0.5, 0.8, 0.7, 0.6], { monitor: 'val_accuracy', patience: 1 }, 'val_accuracy');
    expect(r.cb.best).toEqual({ epoch: 2, value: 0.8 });
    expect(r.epochs).toBe(4);
    expect(r.weight).toBe(2);
  });

  it("minimizes in 'min' mode whatever the name", async () => {
    const r = await run([0.5, 0.8, 0.4, 0.6], { monitor: 'val_accuracy', mode: 'min', patience: 5 }, 'val_accuracy');
    expect(r.cb.best).toEqual({ epoch: 3, value: 0.4 });
    expect(r.weight).toBe(3);
  });

  it('never counts NaN as an improvement', async () => {
    const r = await run([0.5, NaN, NaN], { patience: 1 });
    expect(r.epochs).toBe(3);
    expect(r.weight).toBe(1);
  });

  it('starts afresh when reused for a second run', async () => {
    const cbOptions = { patience: 0 };
    const first = await run([0.2, 0.3], cbOptions);
    expect(first.cb.best?.value).toBe(0.2);
    await first.cb.onTrainBegin?.({ epochs: 1, batchesPerEpoch: 1, samples: 1, validationSamples: 1, metricNames: [] }, {
      model: { kind: 'fake', config: {}, params: {}, forward: (x) => x }, stop: () => {},
    });
    expect(first.cb.best).toBeUndefined();
    expect(first.cb.stoppedEpoch).toBeUndefined();
  });

  it('fails at the first epoch when the monitored figure is never logged, listing what is', async () => {
    await expect(run([0.5], { monitor: 'val_acuracy' }, 'val_accuracy')).rejects.toThrow(
      "earlyStopping: monitor 'val_acuracy' is not in the epoch's logs, which have loss, valLoss, val_accuracy",
    );
    const control: FitControl = { model: { kind: 'fake', config: {}, params: {}, forward: (x) => x }, stop: () => {} };
    const noValidation = () => earlyStopping().onEpochEnd?.({ epoch: 1, loss: 1, metrics: { accuracy: 0.5 }, seconds: 0, samplesPerSecond: 0 }, control);
    expect(noValidation).toThrow(ValueError);
    expect(noValidation).toThrow("monitor 'valLoss' is not in the epoch's logs, which have loss, accuracy (give fit validationData or validationSplit)");
  });

  it('refuses bad options with the value', () => {
    expect(() => earlyStopping({ patience: -1 })).toThrow('earlyStopping: patience must be an integer ≥ 0, got -1');
    expect(() => earlyStopping({ patience: 1.5 })).toThrow(ValueError);
    expect(() => earlyStopping({ minDelta: -0.1 })).toThrow('earlyStopping: minDelta must be a finite number ≥ 0, got -0.1');
    expect(() => earlyStopping({ mode: 'down' as 'min' })).toThrow("earlyStopping: mode must be 'min', 'max' or 'auto', got \"down\"");
    expect(() => earlyStopping({ monitor: '' })).toThrow(ValueError);
  });
});
