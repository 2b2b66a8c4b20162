import { describe, expect, it } from 'vitest';
import { doubleMoon } from '@nn/data';
import { accuracy } from '@nn/eval';
import { activation, dense, sequential } from '@nn/layers';
import { softmaxCrossEntropy } from '@nn/losses';
import { addDecayedWeights, chain, constantSchedule, scaleByLearningRate, sgd, trace } from '@nn/optim';
import { dropout } from '@nn/regularize';
import {
  type GradientTransformation, type Layer, type Tensor, createRng, div, tensor, isTensor, mapTree, mean, mul, sqrt, square, treeLeaves,
} from '@nn/tensor';
import { TrainingDivergedError } from './errors';
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

  it('checks a step recorded by an earlier fit call on the same model with one trace, and records it anew when the step changed', async () => {
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
      await fit(model, moons('float64'), options); // the constant differs: recorded anew
      return { weights: weights(model), first: afterFirst, second: afterSecond - afterFirst, third: model.forwards - afterSecond };
    };
    const [replayed, eager] = [await run(true), await run(false)];
    expect(replayed.weights).toEqual(eager.weights);
    expect([replayed.first, replayed.second]).toEqual([1 + 2, 1 + 1]);
    // the check, the trace that finds the step changed, one eager step (which drops the update from the
    // recording), then two traces of the forward and backward pass alone: the new constant is recorded
    expect(replayed.third).toBe(1 + 1 + 1 + 2);
  });
});

/** An optimizer state with its tensors as arrays: what two runs are compared by. */
const plainState = (state: unknown): unknown => {
  if (isTensor(state)) return Array.from(state.dataSync());
  if (Array.isArray(state)) return state.map(plainState);
  if (typeof state === 'object' && state !== null) return Object.fromEntries(Object.entries(state).map(([k, v]) => [k, plainState(v)]));
  return state;
};

describe('fit with the optimizer update in the replayed step', () => {
  const optimizers: Record<string, () => GradientTransformation<any>> = {
    'momentum (PyTorch)': () => sgd(0.1, { momentum: 0.9 }),
    'Nesterov (Sutskever)': () => sgd(0.1, { momentum: 0.9, nesterov: true, convention: 'sutskever' }),
    'weight decay, momentum, rate': () => chain(addDecayedWeights(1e-3), trace({ decay: 0.5 }), scaleByLearningRate(0.05)),
  };
  for (const [name, make] of Object.entries(optimizers)) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`trains as eager steps do, and leaves the same optimizer state, bit for bit: ${name} (${dtype})`, async () => {
        expect(make().sameOpsEveryStep).toBe(true);
        const run = async (replaySteps: boolean) => {
          const model = tiny(dtype);
          let state: unknown;
          const history = await fit(model, moons(dtype), {
            loss: softmaxCrossEntropy, optimizer: make(), batchSize: 8, epochs: 3, seed: 2, progress: false, metrics: { accuracy }, replaySteps,
            callbacks: [{ onTrainEnd: (_, control) => void (state = plainState(control.optimizerState)) }],
          });
          return { weights: weights(model), history: history.epochs.map((e) => [e.loss, e.metrics.accuracy]), state, forwards: model.forwards };
        };
        const [replayed, eager] = [await run(true), await run(false)];
        expect(replayed.weights).toEqual(eager.weights);
        expect(replayed.history).toEqual(eager.history);
        expect(replayed.state).toEqual(eager.state);
        expect(JSON.stringify(replayed.state)).toContain('24'); // the counts advanced over 3 epochs × 8 steps
        expect(replayed.forwards).toBe(1 + 4); // the check + 2 traces of each of the 2 batch shapes
      });
    }
  }

  it('replays a network over the CPU plan\'s size on the backend\'s kernels, exactly as eager steps train, update and all', async () => {
    const run = async (replaySteps: boolean) => {
      const rng = createRng(3);
      // 2·2100 + 2100·2 weights: each over the 4,096 elements of the CPU plan
      const model = sequential(dense(2, 2100, { rng }), activation('tanh'), dense(2100, 2, { rng }));
      let forwards = 0;
      const forward = model.forward.bind(model);
      model.forward = (x, ctx) => (forwards++, forward(x, ctx));
      let state: unknown;
      await fit(model, moons('float32'), {
        loss: softmaxCrossEntropy, optimizer: sgd(0.05, { momentum: 0.9 }), batchSize: 10, epochs: 2, seed: 7, progress: false, replaySteps,
        callbacks: [{ onTrainEnd: (_, control) => void (state = plainState(control.optimizerState)) }],
      });
      return { weights: weights(model), state, forwards };
    };
    const [replayed, eager] = [await run(true), await run(false)];
    expect(replayed.weights).toEqual(eager.weights);
    expect(replayed.state).toEqual(eager.state);
    expect(eager.forwards).toBe(1 + 12);
    expect(replayed.forwards).toBe(1 + 2); // the check + 2 traces of the one batch shape, update and all
  });

  it('runs the update of a scheduled rate eagerly, where a recording would miss the change', async () => {
    const optimizer = () => sgd((t: number) => (t < 10 ? 0.1 : 0.01));
    expect(optimizer().sameOpsEveryStep).toBe(false);
    const run = async (replaySteps: boolean) => {
      const model = tiny('float64');
      await fit(model, moons('float64'), { loss: softmaxCrossEntropy, optimizer: optimizer(), batchSize: 10, epochs: 3, seed: 5, progress: false, replaySteps });
      return { weights: weights(model), forwards: model.forwards };
    };
    const [replayed, eager] = [await run(true), await run(false)];
    expect(replayed.weights).toEqual(eager.weights);
    expect(replayed.forwards).toBe(1 + 2); // the forward and backward pass alone is still replayed
  });

  it('notices an optimizer that breaks the promise about its state and keeps its update out of the recording', async () => {
    // claims the same ops every step, but counts by two
    const countsByTwo = (): GradientTransformation<{ count: number }> => ({
      init: () => ({ count: 0 }),
      update: (grads, { count }) => [mapTree((g) => mul(g, -0.1), grads), { count: count + 2 }],
      sameOpsEveryStep: true,
    });
    const run = async (replaySteps: boolean) => {
      const model = tiny('float64');
      let state: unknown;
      await fit(model, moons('float64'), {
        loss: softmaxCrossEntropy, optimizer: countsByTwo(), batchSize: 10, epochs: 2, seed: 5, progress: false, replaySteps,
        callbacks: [{ onTrainEnd: (_, control) => void (state = control.optimizerState) }],
      });
      return { weights: weights(model), state };
    };
    const [replayed, eager] = [await run(true), await run(false)];
    expect(replayed.weights).toEqual(eager.weights);
    expect(replayed.state).toEqual({ count: 24 });
    expect(eager.state).toEqual({ count: 24 });
  });

  describe('a step that diverges after the recording stops with the reason, keeping the weights', () => {
    // 10 points in batches of 2, in order: steps 1 and 2 are traced, 3 and 4 replayed, 5 (the last batch) diverges
    const x = () => tensor(Array.from({ length: 20 }, (_, i) => Math.sin(i + 1)), [10, 2], 'float64');
    // targets of the last batch are 0
    const y = () => tensor(Array.from({ length: 20 }, (_, i) => (i < 16 ? 1 + (i % 3) : 0)), [10, 2], 'float64');
    const cases: { reason: string; loss: (p: Tensor, t: Tensor) => Tensor; optimizer: () => GradientTransformation<any> }[] = [
      // √(p²·t) has a finite value, 0, and an infinite slope at t = 0: ∞·0 makes the gradients NaN
      { reason: 'gradients', loss: (p, t) => mean(sqrt(mul(square(p), t))), optimizer: () => sgd(0.01) },
      // the gradients of mean(p·t) are 0 there, and this update, −0.01·g/g, is 0/0
      {
        reason: 'updates',
        loss: (p, t) => mean(mul(p, t)),
        optimizer: () => ({ init: () => ({}), update: (g) => [mapTree((gi) => mul(div(gi, gi), -0.01), g), {}], sameOpsEveryStep: true }),
      },
    ];
    for (const { reason, loss, optimizer } of cases) {
      it(`non-finite ${reason}`, async () => {
        const run = async (replaySteps: boolean) => {
          const model = tiny('float64');
          let before: number[][] = [];
          const error = await fit(model, { x: x(), y: y() }, {
            loss, optimizer: optimizer(), batchSize: 2, shuffle: false, epochs: 1, progress: false, replaySteps,
            callbacks: [{ onBatchEnd: () => void (before = weights(model)) }],
          }).catch((e: unknown) => e);
          return { error, before, after: weights(model), forwards: model.forwards };
        };
        const [replayed, eager] = [await run(true), await run(false)];
        for (const r of [replayed, eager]) {
          expect(r.error).toBeInstanceOf(TrainingDivergedError);
          expect((r.error as Error).message).toMatch(new RegExp(`^fit: training diverged at epoch 1, batch 5: non-finite ${reason};`));
          expect(r.after).toEqual(r.before);
        }
        expect(replayed.after).toEqual(eager.after);
        // the check, 2 traced steps, and the replayed step run again eagerly to find the reason
        expect(replayed.forwards).toBe(1 + 2 + 1);
      });
    }
  });
});

describe('the update promise of the optimizers', () => {
  it('is made by fixed-rate transforms and chains of them, and not by scheduled ones', () => {
    expect(sgd(0.1).sameOpsEveryStep).toBe(true);
    expect(sgd(0.1, { momentum: 0.9, nesterov: true }).sameOpsEveryStep).toBe(true);
    expect(sgd(0.1, { momentum: (t) => (t < 5 ? 0.5 : 0.9) }).sameOpsEveryStep).toBe(false);
    expect(sgd(0.1, { momentum: 0.9, convention: 'sutskever' }).sameOpsEveryStep).toBe(true);
    expect(sgd(() => 0.1, { momentum: 0.9, convention: 'sutskever' }).sameOpsEveryStep).toBe(false);
    expect(chain(addDecayedWeights(0.1), scaleByLearningRate(0.1)).sameOpsEveryStep).toBe(true);
    expect(chain(addDecayedWeights(0.1), scaleByLearningRate(() => 0.1)).sameOpsEveryStep).toBe(false);
    // a constant schedule is the same at every step: its update can be recorded
    expect(sgd(constantSchedule(0.1), { momentum: constantSchedule(0.9) }).sameOpsEveryStep).toBe(true);
    expect(sgd(constantSchedule(0.1), { momentum: 0.9, convention: 'sutskever' }).sameOpsEveryStep).toBe(true);
    expect(sgd(constantSchedule(0.1), { momentum: () => 0.9 }).sameOpsEveryStep).toBe(false);
  });
});
