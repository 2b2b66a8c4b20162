import { describe, expect, it } from 'vitest';
import { activation, dense, sequential } from '@nn/layers';
import { softmaxCrossEntropy } from '@nn/losses';
import { chain, sgd } from '@nn/optim';
import { accuracy } from '@nn/eval';
import { dropout, earlyStopping, ensemble, ensembleSpread, l2, maxNorm, posteriorSamples, sgld } from '@nn/regularize';
import { type Layer, type Tensor, argmax, createRng, exp, sum, tensor, treeLeaves } from '@nn/tensor';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { evaluate } from './evaluate';
import { fit } from './fit';
import { predict } from './predict';
import { fromJSON, load, save, toJSON } from './save-load';
import type { TrainingCallback } from './callbacks';

/**
 * A 3-class problem in 6 dimensions with 30 % of the training labels flipped at random: a 6-64-64-3
 * network fitting 24 such samples overfits, so the validation loss falls and then rises.
 */
function noisyProblem(n: number, seed: number, flip: number) {
  const rng = createRng(seed);
  const xs: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = Array.from({ length: 6 }, () => rng.normal());
    const scores = [x[0] + x[1], x[2] - x[3], x[4] - x[0]];
    const label = scores.indexOf(Math.max(...scores));
    xs.push(...x);
    labels.push(rng.uniform() < flip ? (label + 1 + rng.int(2)) % 3 : label);
  }
  return { x: tensor(xs, [n, 6]), y: tensor(labels, [n], 'int32') };
}

/** ‖W[:, j]‖₂ for each column j of a [in, out] weight matrix: each unit's incoming weight vector's length. */
function norm2Columns(w: Tensor): number[] {
  const [rows, cols] = w.shape;
  const data = w.dataSync();
  return Array.from({ length: cols }, (_, j) => Math.hypot(...Array.from({ length: rows }, (_, i) => data[i * cols + j])));
}

/** Every weight's values after each epoch, and the figure early stopping watches. */
function snapshots(): TrainingCallback & { weights: number[][][]; valLoss: number[] } {
  const weights: number[][][] = [];
  const valLoss: number[] = [];
  return {
    weights,
    valLoss,
    onEpochEnd(logs, { model }) {
      weights.push(treeLeaves(model.params).map((t) => Array.from(t.dataSync())));
      valLoss.push(logs.valLoss!);
    },
  };
}

describe('fit with every kind of regularizer at once', () => {
  it('trains with an L2 penalty, max-norm, dropout and early stopping, and ends with the best epoch\'s weights', async () => {
    const rng = createRng(4);
    const model = sequential(
      dense(6, 64, { rng }), activation('relu'), dropout(0.2),
      dense(64, 64, { rng }), activation('relu'), dropout(0.2),
      dense(64, 3, { rng }),
    );
    const c = 1.5;
    const normsAfterEveryUpdate: number[] = [];
    const watchNorms: TrainingCallback = {
      onBatchEnd(_logs, { model: m }) {
        for (const leaf of treeLeaves(m.params)) if (leaf.rank === 2) normsAfterEveryUpdate.push(...norm2Columns(leaf));
      },
    };
    const snap = snapshots();
    const stopper = earlyStopping({ monitor: 'valLoss', patience: 4 });
    const history = await fit(model, noisyProblem(24, 1, 0.3), {
      loss: softmaxCrossEntropy,
      optimizer: chain(sgd(0.1, { momentum: 0.9 }), maxNorm(c)),
      regularizer: l2(1e-3),
      epochs: 60,
      batchSize: 8,
      seed: 2,
      validationData: noisyProblem(200, 2, 0),
      metrics: { accuracy },
      callbacks: [watchNorms, snap, stopper],
      progress: false,
    });
    // (1) every hidden unit's incoming weight vector stayed within the ball of radius c after every update
    expect(normsAfterEveryUpdate.length).toBeGreaterThan(0);
    expect(Math.max(...normsAfterEveryUpdate)).toBeLessThanOrEqual(c + 1e-5);
    // (2) it stopped by patience, at best + patience + 1 epochs, and the best epoch is the minimum of the curve
    const best = snap.valLoss.indexOf(Math.min(...snap.valLoss)) + 1;
    expect(stopper.best?.epoch).toBe(best);
    expect(history.stoppedBecause).toMatch(/^early stopping: valLoss has not improved/);
    expect(history.epochs).toHaveLength(best + 5);
    expect(best).toBeGreaterThan(1);
    // (3) the final weights are the best epoch's, bit for bit, not the last epoch's
    const final = treeLeaves(model.params).map((t) => Array.from(t.dataSync()));
    expect(final).toEqual(snap.weights[best - 1]);
    expect(final).not.toEqual(snap.weights[snap.weights.length - 1]);
  });

  it('adds the regularizer to the reported training loss, not to the validation loss', async () => {
    const run = async (regularizer?: (p: unknown) => Tensor) => {
      const model: Layer = sequential(dense(6, 3, { rng: createRng(1) }));
      const data = noisyProblem(8, 3, 0);
      return fit(model, data, {
        loss: softmaxCrossEntropy, optimizer: sgd(0), batchSize: 'full', epochs: 1, validationData: data, progress: false,
        ...(regularizer === undefined ? {} : { regularizer: regularizer as never }),
      });
    };
    const plain = await run();
    const penalty = l2(0.5);
    let seen = NaN;
    const withPenalty = await run((p) => {
      const value = penalty(p as never);
      seen = value.item();
      return value;
    });
    // learning rate 0: the weights never move, so the loss differs by exactly the penalty
    expect(seen).toBeGreaterThan(0);
    expect(withPenalty.epochs[0].loss - plain.epochs[0].loss).toBeCloseTo(seen, 5);
    expect(withPenalty.epochs[0].valLoss).toBeCloseTo(plain.epochs[0].valLoss!, 6);
  });
});

describe('ensembles in predict, evaluate, save and load', () => {
  const members = () => [
    sequential(dense(6, 3, { rng: createRng(1) })),
    sequential(dense(6, 16, { rng: createRng(2) }), activation('tanh'), dense(16, 3, { rng: createRng(3) })),
  ];

  it('predicts, evaluates and survives toJSON / fromJSON and save / load with members of different architectures', async () => {
    const data = noisyProblem(40, 5, 0);
    const ens = ensemble(members(), { combine: 'geometric' });
    const out = predict(ens, data.x);
    expect(out.shape).toEqual([40, 3]);
    expect(sum(exp(out), 1)).toBeAllClose(Array(40).fill(1), { rtol: 1e-5 }); // log-probabilities
    const scores = evaluate(ens, data, { loss: softmaxCrossEntropy, metrics: { accuracy } });
    expect(scores.metrics.accuracy).toBeCloseTo(Array.from(argmax(out, 1).dataSync()).filter((k, i) => k === data.y.dataSync()[i]).length / 40, 10);

    const rebuilt = fromJSON(JSON.parse(JSON.stringify(toJSON(ens))));
    expect(rebuilt.kind).toBe('ensemble');
    expect(rebuilt.config).toEqual(ens.config);
    expect(predict(rebuilt, data.x)).toBeAllClose(out, { rtol: 0, atol: 0 });

    const dir = await mkdtemp(`${tmpdir()}/nn-ensemble-`);
    try {
      await save(ens, `${dir}/model`);
      const loaded = await load(`${dir}/model`);
      expect(predict(loaded, data.x)).toBeAllClose(out, { rtol: 0, atol: 0 });
      expect(evaluate(loaded, data, { loss: softmaxCrossEntropy }).loss).toBeCloseTo(scores.loss, 6);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('samples weights with SGLD inside fit and averages the samples as a saveable ensemble', async () => {
    const data = noisyProblem(32, 6, 0);
    const model = sequential(dense(6, 8, { rng: createRng(7) }), activation('tanh'), dense(8, 3, { rng: createRng(8) }));
    const samples = posteriorSamples({ burnIn: 20, thin: 5 });
    await fit(model, data, {
      loss: softmaxCrossEntropy,
      optimizer: sgld({ learningRate: 1e-3, datasetSize: 32, rng: createRng(9) }),
      epochs: 15, batchSize: 8, seed: 1, callbacks: [samples], progress: false,
    });
    // 15 epochs × 4 batches = 60 updates; after 20 of burn-in every 5th: updates 25, 30, …, 60
    expect(samples.samples).toHaveLength(8);
    const bayes = samples.ensemble();
    const { mean, std } = ensembleSpread(bayes, data.x);
    expect(exp(predict(bayes, data.x))).toBeAllClose(mean, { rtol: 1e-4, atol: 1e-6 });
    expect(Math.max(...std.dataSync())).toBeGreaterThan(0); // the samples differ
    const rebuilt = fromJSON(toJSON(bayes));
    expect(predict(rebuilt, data.x)).toBeAllClose(predict(bayes, data.x), { rtol: 0, atol: 0 });
  });
});
