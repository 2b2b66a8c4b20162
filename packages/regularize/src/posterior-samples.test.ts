import { describe, expect, it } from 'vitest';
import { type FitControl, type Layer, type Tensor, ValueError, mul, tensor } from '@nn/tensor';
import { ensembleSpread } from './ensemble-spread';
import { posteriorSamples } from './posterior-samples';

/** y = w·x with a scalar weight, and a loop that sets w = t after update t, calling the hooks as fit does. */
async function run(steps: number, options: Parameters<typeof posteriorSamples>[0]) {
  const params = { w: tensor([0]) };
  const model: Layer<{ w: Tensor }> = { kind: 'scale', config: {}, params, forward: (x) => mul(x, params.w) };
  const control: FitControl = { model, stop: () => {} };
  const cb = posteriorSamples(options);
  await cb.onTrainBegin?.({ epochs: 1, batchesPerEpoch: steps, samples: steps, validationSamples: 0, metricNames: [] }, control);
  for (let t = 1; t <= steps; t++) {
    params.w = tensor([t]);
    await cb.onBatchEnd?.({ epoch: 1, batch: t, batches: steps, loss: 0, size: 1 }, control);
  }
  return { cb, model };
}

describe('posteriorSamples', () => {
  it('keeps every thin-th weight vector after the burn-in', async () => {
    // burn-in 3, thin 2, 10 updates: steps 5, 7 and 9
    const { cb } = await run(10, { burnIn: 3, thin: 2 });
    expect(cb.samples.map((p) => (p as { w: Tensor }).w.item())).toEqual([5, 7, 9]);
  });

  it('keeps the latest maxSamples', async () => {
    const { cb } = await run(10, { burnIn: 3, thin: 2, maxSamples: 2 });
    expect(cb.samples.map((p) => (p as { w: Tensor }).w.item())).toEqual([7, 9]);
  });

  it("averages the samples' predictions as an ensemble, leaving the model's own weights alone", async () => {
    const { cb, model } = await run(10, { burnIn: 3, thin: 2 });
    const bayes = cb.ensemble({ combine: 'mean' });
    expect(bayes.members).toHaveLength(3);
    expect(bayes.members[0].kind).toBe('scale');
    // w ∈ {5, 7, 9}: mean prediction 7x, population std √(8/3)·x
    expect(bayes.forward(tensor([[1], [2]]))).toBeAllClose([[7], [14]]);
    const { mean, std } = ensembleSpread(bayes, tensor([[1]]));
    expect(mean).toBeAllClose([[7]]);
    expect(std).toBeAllClose([[Math.sqrt(8 / 3)]], { rtol: 1e-6 });
    expect(model.params.w.item()).toBe(10);
  });

  it('starts afresh at the next run and says why there is nothing to average', async () => {
    const { cb } = await run(3, { burnIn: 3 });
    expect(cb.samples).toHaveLength(0);
    expect(() => cb.ensemble()).toThrow('posteriorSamples: no samples yet: the run made 3 updates, not more than burnIn (3) + thin (1)');
    expect(() => posteriorSamples({ burnIn: 0 }).ensemble()).toThrow('training has not begun');
  });

  it('refuses bad options with the value', () => {
    expect(() => posteriorSamples({ burnIn: -1 })).toThrow('posteriorSamples: burnIn must be an integer ≥ 0, got -1');
    expect(() => posteriorSamples({ burnIn: 0, thin: 0 })).toThrow('posteriorSamples: thin must be a positive integer, got 0');
    expect(() => posteriorSamples({ burnIn: 0, maxSamples: 0.5 })).toThrow(ValueError);
  });
});
