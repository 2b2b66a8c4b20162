import { describe, expect, it } from 'vitest';
import { doubleMoon } from '@nn/data';
import { accuracy } from '@nn/eval';
import { activation, dense, sequential } from '@nn/layers';
import { softmaxCrossEntropy } from '@nn/losses';
import { sgd } from '@nn/optim';
import { dropout } from '@nn/regularize';
import { type Layer, type Tensor, createRng, mul, treeLeaves } from '@nn/tensor';
import { fit } from './fit';

/** The W6 network of apps/bench: 2-8-8-2 tanh, on 60 double-moon points scaled by 1/10. */
type Counted = Layer & { forwards: number };

function tiny(dtype: 'float32' | 'float64', extra?: Layer): Counted {
  const rng = createRng(1);
  const layers = [dense(2, 8, { rng, dtype }), activation('tanh'), ...(extra === undefined ? [] : [extra]), dense(8, 8, { rng, dtype }), activation('tanh'), dense(8, 2, { rng, dtype })];
  const model = sequential(...layers);
  // counts forward passes: a replayed step makes none
  const forward = model.forward.bind(model);
  const counted: Counted = Object.assign(model, { forwards: 0, forward: (x: Tensor, ctx?: Parameters<Layer['forward']>[1]) => (counted.forwards++, forward(x, ctx)) });
  return counted;
}

const moons = (dtype: 'float32' | 'float64') => doubleMoon({ samples: 60, rng: createRng(6), dtype });

const weights = (model: Layer) => treeLeaves(model.params).map((t: Tensor) => Array.from(t.dataSync()));

describe('fit with replayed steps', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it(`trains exactly as the eager steps do, bit for bit (${dtype})`, async () => {
      const run = async (replaySteps: boolean) => {
        const model = tiny(dtype);
        // batch 8 of 60 points: 7 full batches and a last one of 4, each shape traced on its own
        const history = await fit(model, moons(dtype), {
          loss: softmaxCrossEntropy, optimizer: sgd(0.1), batchSize: 8, epochs: 3, seed: 2, progress: false, metrics: { accuracy }, replaySteps,
        });
        return { weights: weights(model), history: history.epochs.map((e) => [e.loss, e.metrics.accuracy]), forwards: model.forwards };
      };
      const [replayed, eager] = [await run(true), await run(false)];
      expect(replayed.weights).toEqual(eager.weights);
      expect(replayed.history).toEqual(eager.history);
      // eager: fit's check of the first sample + 3 epochs × 8 steps; replayed: the check + 2 traces of each of the 2 batch shapes
      expect(eager.forwards).toBe(1 + 24);
      expect(replayed.forwards).toBe(1 + 4);
    });
  }

  it('keeps dropout random on every step (such a step is never replayed)', async () => {
    const run = async (replaySteps: boolean) => {
      const model = tiny('float32', dropout(0.5));
      await fit(model, moons('float32'), { loss: softmaxCrossEntropy, optimizer: sgd(0.1), batchSize: 10, epochs: 2, seed: 4, progress: false, replaySteps });
      return { weights: weights(model), forwards: model.forwards };
    };
    const [replayed, eager] = [await run(true), await run(false)];
    expect(replayed.weights).toEqual(eager.weights);
    expect(replayed.forwards).toBe(1 + 12); // every step eager: 2 epochs × 6 batches
  });

  it('checks a step recorded by an earlier fit call on the same model with one trace, and drops it when the step changed', async () => {
    let factor = 1;
    const run = async (replaySteps: boolean) => {
      factor = 1;
      const model = tiny('float64');
      const inner = model.forward;
      // a forward pass that reads a setting the user changes between fit calls
      model.forward = (x, ctx) => inner(mul(x, factor), ctx);
      const options = { loss: softmaxCrossEntropy, optimizer: sgd(0.1), batchSize: 10, epochs: 2, seed: 3, progress: false as const, replaySteps };
      await fit(model, moons('float64'), options);
      const afterFirst = model.forwards;
      await fit(model, moons('float64'), options); // same step: one trace checks the plan
      const afterSecond = model.forwards;
      factor = 0.5;
      await fit(model, moons('float64'), options); // the constant differs: eager from then on
      return { weights: weights(model), first: afterFirst, second: afterSecond - afterFirst, third: model.forwards - afterSecond };
    };
    const [replayed, eager] = [await run(true), await run(false)];
    expect(replayed.weights).toEqual(eager.weights);
    expect([replayed.first, replayed.second]).toEqual([1 + 2, 1 + 1]);
    expect(replayed.third).toBe(1 + 12); // 2 epochs × 6 batches, every one eager
  });
});
