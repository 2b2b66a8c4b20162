import { describe, expect, it } from 'vitest';
import { constantInit, dense } from '@nn/layers';
import { meanSquaredError } from '@nn/losses';
import { sgd } from '@nn/optim';
import { type BatchOrder, type BatchOrderContext, dataset, emphasisOrder } from '@nn/data';
import { arange, reshape, tensor } from '@nn/tensor';
import { fit } from './fit';
import { perSampleLosses } from './per-sample-losses';

/** y = 2x on x = 0 … 5, a one-weight linear model. */
const ds = () => dataset(reshape(arange(6), [6, 1]), reshape(tensor([0, 2, 4, 6, 8, 10]), [6, 1]));

describe('fit with a batchOrder', () => {
  it('presents the batches in the order the BatchOrder gives, epoch by epoch', async () => {
    const seen: number[][] = [];
    const calls: [number, BatchOrderContext][] = [];
    const order: BatchOrder = {
      kind: 'reversed',
      indices(epoch, _rng, ctx) {
        calls.push([epoch, ctx]);
        return Int32Array.from([5, 4, 3, 2, 1, 0]);
      },
    };
    const model = dense(1, 1);
    const spy = { ...model, forward: (x: Parameters<typeof model.forward>[0], c?: Parameters<typeof model.forward>[1]) => {
      if (c?.training) seen.push(Array.from(x.dataSync()));
      return model.forward(x, c);
    } };
    await fit(spy, ds(), { loss: meanSquaredError, optimizer: sgd(0.001), epochs: 2, batchSize: 4, batchOrder: order, progress: false });
    expect(calls.map(([e]) => e)).toEqual([1, 2]);
    expect(calls[0][1].n).toBe(6);
    expect(calls[0][1].batchSize).toBe(4);
    expect(calls[0][1].losses).toBeUndefined();
    // each epoch: batch [5, 4, 3, 2] then [1, 0]
    expect(seen).toEqual([[5, 4, 3, 2], [1, 0], [5, 4, 3, 2], [1, 0]]);
  });

  it('measures each sample’s loss at every epoch’s start for an order that needs them', async () => {
    const model = dense(1, 1, { init: constantInit(1) }); // prediction x (b = 0): the loss of sample i is (i − 2i)² = i²
    const got: Float64Array[] = [];
    const inner = emphasisOrder();
    const order: BatchOrder = { ...inner, indices: (epoch, rng, ctx) => (got.push(ctx.losses!), inner.indices(epoch, rng, ctx)) };
    await fit(model, ds(), { loss: meanSquaredError, optimizer: sgd(0.01), epochs: 2, batchSize: 3, batchOrder: order, progress: false });
    expect(got).toHaveLength(2);
    expect(got[0]).toBeAllClose([0, 1, 4, 9, 16, 25], { atol: 1e-6 });
    expect(got[1][5]).toBeLessThan(25); // trained one epoch: the largest error shrank
  });

  it('refuses a batchOrder that is not one, naming what came', async () => {
    const run = (batchOrder: unknown) => fit(dense(1, 1), ds(), { loss: meanSquaredError, optimizer: sgd(0.01), batchOrder: batchOrder as BatchOrder, progress: false });
    await expect(run(emphasisOrder)).rejects.toThrow(/fit: batchOrder must be a BatchOrder .* got a function \(call it: classBalancedOrder\(\)\)/);
    await expect(run(null)).rejects.toThrow(/got null/);
    await expect(run({ kind: 'x' })).rejects.toThrow(/got object/);
  });
});

describe('perSampleLosses', () => {
  it('is the loss of each sample alone', () => {
    const model = dense(1, 1, { init: constantInit(3) }); // prediction 3x: loss (3x − 2x)² = x²
    expect(perSampleLosses(model, ds(), meanSquaredError, { batchSize: 4 })).toBeAllClose([0, 1, 4, 9, 16, 25], { atol: 1e-5 });
  });
});
