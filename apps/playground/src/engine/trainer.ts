import {
  type Dataset, type EpochLogs, type FitControl, type GradientTransformation, type Layer, type Params, type Tensor, add,
  applyUpdates, assertSameTree, assignLeaves, batches, createRng, disposeSupersededState, earlyStopping, fromTypedArray, isTensor, l1, l2, noGrad, numBatches, replayable, tidy, valueAndGrad,
} from '@nn/core';
import { type Network, buildNetwork } from './build-network';
import { type PlaygroundConfig, checkConfig } from './config';
import { type PlaygroundData, PLANE, makeData } from './make-data';
import { makeOptimizer } from './make-optimizer';
import { type OutputHead, outputHead } from './output-head';

/** The figures after one epoch (epoch 0: before any update). Losses are the data loss alone, measured
 * with the weights as they are at the epoch's end, without dropout or noise and without the penalty. */
export interface EpochRecord {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly testLoss: number;
  /** Share of points on the wrong side (class 1 where z ≥ 0). */
  readonly trainError: number;
  readonly testError: number;
}

/** One separating line w₁x₁ + w₂x₂ + b = 0 of a first-layer unit. */
export interface UnitLine {
  readonly w1: number;
  readonly w2: number;
  readonly b: number;
}

/** A run: data, network, optimizer state and history, stepped one epoch at a time. */
export interface Trainer {
  readonly config: PlaygroundConfig;
  readonly data: PlaygroundData;
  readonly network: Network;
  readonly head: OutputHead;
  /** history[0] is epoch 0 (the starting weights). */
  readonly history: readonly EpochRecord[];
  /** Optimizer updates made so far. */
  readonly steps: number;
  readonly stepsPerEpoch: number;
  /** Why training stopped (early stopping, divergence, a perceptron that converged); undefined while it may go on. */
  readonly stoppedBecause: string | undefined;
  /** Finishes the epoch under way (a whole pass over the training set in batches); returns its record, or the last one once stopped. */
  trainEpoch(): EpochRecord;
  /**
   * Trains for about `milliseconds` (at least one update), across epochs and stopping in the middle of
   * one if the time is up, so that a page can hand the browser a turn between slices; returns the
   * epochs completed.
   */
  trainFor(milliseconds: number): number;
  /** The output unit's confidence (0…1, class 1 high) on a `resolution`² grid over the plane, row 0 at the top. */
  surface(resolution: number): Float32Array;
  /** Each hidden unit's output on the same grid: [layer][unit] → values (in its neuron's range). */
  unitSurfaces(resolution: number): Float32Array[][];
  /** The first layer's units as lines in the input plane (the output unit's own line when there is no hidden layer). */
  firstLayerLines(): UnitLine[];
  /** Takes the weights of a model of the same architecture (e.g. loaded from IndexedDB); the optimizer starts afresh. */
  setWeights(model: Layer): void;
}

/** A fresh run of `config`: its points, starting weights, optimizer and (when asked) early stopping. */
export function createTrainer(config: PlaygroundConfig, { replaySteps = true }: { readonly replaySteps?: boolean } = {}): Trainer {
  const checked = checkConfig(config);
  const data = makeData(checked);
  // NOTE: its own stream, so that the points and the weights do not share random numbers.
  const rng = createRng(checked.seed ^ 0x5bd1e995);
  const network = buildNetwork(checked, rng.split());
  const { model } = network;
  const head = outputHead(checked.output);
  const trainSize = data.train.x.shape[0];
  const batchSize = checked.batchSize === 0 || checked.batchSize > trainSize ? trainSize : checked.batchSize;
  const stepsPerEpoch = numBatches(trainSize, batchSize);
  let optimizer: GradientTransformation<any> = makeOptimizer(checked, stepsPerEpoch);
  let state = optimizer.init(model.params);
  const penalties = [checked.l2 > 0 ? l2(checked.l2) : undefined, checked.l1 > 0 ? l1(checked.l1) : undefined].filter((p) => p !== undefined);
  const trainTargets = head.targets(data.train.y);
  const testTargets = head.targets(data.test.y);
  const train: Dataset = { x: data.train.x, y: trainTargets };
  const stopper = checked.earlyStopping > 0 ? earlyStopping({ monitor: 'valLoss', patience: checked.earlyStopping - 1 }) : undefined;
  let stoppedBecause: string | undefined;
  const control: FitControl = { model, stop: (reason) => void (stoppedBecause ??= reason) };
  const history: EpochRecord[] = [];
  let steps = 0;

  // NOTE: replayed too (the same two point sets every epoch); outside any gradient tape, so not under noGrad,
  // which would run it eagerly.
  const evaluate = (_params: Params, x: Tensor, targets: Tensor) => {
    const z = model.forward(x, { training: false });
    return { z, loss: head.loss(z, targets) };
  };
  const scoresAndLoss = replaySteps ? replayable(evaluate) : evaluate;
  const measure = (x: Tensor, targets: Tensor, labels: Tensor): { loss: number; error: number } => tidy(() => {
    const out = scoresAndLoss(model.params, x, targets);
    const loss = out.loss.item();
    const scores = out.z.dataSync();
    const ys = labels.dataSync();
    let wrong = 0;
    for (let i = 0; i < ys.length; i++) if ((scores[i] >= 0 ? 1 : 0) !== ys[i]) wrong++;
    return { loss, error: wrong / ys.length };
  });
  const record = (epoch: number): EpochRecord => {
    const tr = measure(data.train.x, trainTargets, data.train.y);
    const te = measure(data.test.x, testTargets, data.test.y);
    const r = { epoch, trainLoss: tr.loss, testLoss: te.loss, trainError: tr.error, testError: te.error };
    history.push(r);
    return r;
  };
  record(0);
  void stopper?.onTrainBegin?.({ epochs: Infinity, batchesPerEpoch: stepsPerEpoch, samples: trainSize, validationSamples: data.test.x.shape[0], metricNames: [] }, control);

  const diverge = (epoch: number) => {
    stoppedBecause = `diverged in epoch ${epoch}: the loss became infinite or NaN (the learning rate is too high)`;
  };
  // NOTE: recorded on its first batches and replayed after (`replayable`), as fit does: a playground's
  // network is tiny, and per-op overhead is most of its step; steps with dropout or noise run eagerly.
  // (`replaySteps: false` runs every step eagerly: the same results, bit for bit.)
  const eager = (params: Params, x: Tensor, y: Tensor) => valueAndGrad(() => {
    let loss = head.loss(model.forward(x, { training: true, rng }), y);
    for (const penalty of penalties) loss = add(loss, penalty(params));
    return loss;
  }, params);
  const lossAndGrads = replaySteps ? replayable(eager) : eager;
  /** One update on one batch; false when its loss was not finite (nothing is changed then). */
  const update = (x: Tensor, y: Tensor): boolean => {
    let finite = true;
    // NOTE: the scope keeps what it returns (the new weights and state) and frees the rest of the step.
    tidy(() => {
      const { value, grads } = lossAndGrads(model.params, x, y);
      const loss = value.item();
      finite = Number.isFinite(loss);
      if (!finite) return [];
      const [updates, next] = optimizer.update(grads, state, model.params, { loss });
      applyUpdates(model.params, updates);
      // NOTE: as fit does: the old state's moments that a fused update made are freed now, for the next step's to reuse.
      disposeSupersededState(state, next);
      state = next;
      return [model.params, state];
    });
    if (finite) steps++;
    return finite;
  };
  const endEpoch = (epoch: number): void => {
    const r = record(epoch);
    if (!Number.isFinite(r.trainLoss)) diverge(epoch);
    else if (checked.output === 'step' && r.trainError === 0) stoppedBecause = `converged in epoch ${epoch}: every training point is on its side of the line`;
    else if (stopper !== undefined) {
      const logs: EpochLogs = { epoch, loss: r.trainLoss, metrics: {}, valLoss: r.testLoss, seconds: 0, samplesPerSecond: 0 };
      void stopper.onEpochEnd?.(logs, control);
      if (stoppedBecause !== undefined) {
        void stopper.onTrainEnd?.({ epochs: [] }, control);
        stoppedBecause = `${stoppedBecause}; the weights of epoch ${stopper.best?.epoch} are back`;
        // NOTE: the record just made described the weights that were replaced; measure the restored ones.
        history.pop();
        record(epoch);
      }
    }
  };
  // The epoch under way: its batches (shuffled when it began) and how far they have got.
  let pending: Iterator<{ x: Tensor; y: Tensor }> | undefined;
  /** Trains until the epoch under way ends (true) or the clock passes `deadline` (false). */
  const advance = (deadline: number): boolean => {
    const epoch = history[history.length - 1].epoch + 1;
    pending ??= batches(train, { size: batchSize, shuffle: true, rng })[Symbol.iterator]();
    for (;;) {
      const next = pending.next();
      if (next.done === true) {
        pending = undefined;
        endEpoch(epoch);
        return true;
      }
      if (!update(next.value.x, next.value.y)) {
        pending = undefined;
        diverge(epoch);
        return true;
      }
      if (performance.now() >= deadline) return false;
    }
  };

  const gridInputs = (resolution: number): Tensor => {
    const xs = new Float32Array(resolution * resolution * 2);
    for (let row = 0; row < resolution; row++) {
      for (let col = 0; col < resolution; col++) {
        const i = row * resolution + col;
        xs[2 * i] = -PLANE + (2 * PLANE * (col + 0.5)) / resolution;
        xs[2 * i + 1] = PLANE - (2 * PLANE * (row + 0.5)) / resolution;
      }
    }
    return fromTypedArray(xs, [resolution * resolution, 2], 'float32');
  };

  return {
    config: checked,
    data,
    network,
    head,
    history,
    get steps() {
      return steps;
    },
    stepsPerEpoch,
    get stoppedBecause() {
      return stoppedBecause;
    },
    trainEpoch: () => {
      if (stoppedBecause === undefined) advance(Infinity);
      return history[history.length - 1];
    },
    trainFor: (milliseconds) => {
      const deadline = performance.now() + milliseconds;
      let epochs = 0;
      while (stoppedBecause === undefined) {
        if (advance(deadline)) epochs++;
        if (performance.now() >= deadline) break;
      }
      return epochs;
    },
    surface: (resolution) => tidy(() => noGrad(() => {
      const z = model.forward(gridInputs(resolution), { training: false });
      return Float32Array.from(head.confidence(z).dataSync());
    })),
    unitSurfaces: (resolution) => tidy(() => noGrad(() => {
      let h = gridInputs(resolution);
      const out: Float32Array[][] = [];
      network.layers.forEach((layer, i) => {
        h = layer.forward(h, { training: false });
        if (!network.hiddenOutputs.includes(i)) return;
        const values = h.dataSync();
        const units = h.shape[1];
        out.push(Array.from({ length: units }, (_, u) => {
          const s = new Float32Array(resolution * resolution);
          for (let p = 0; p < s.length; p++) s[p] = values[p * units + u];
          return s;
        }));
      });
      return out;
    })),
    firstLayerLines: () => {
      const first = network.layers.find((l) => isTensor((l.params as { w?: unknown }).w)) as Layer<{ w: Tensor; b: Tensor }>;
      const w = first.params.w.dataSync();
      const b = first.params.b.dataSync();
      const units = first.params.w.shape[1];
      return Array.from({ length: units }, (_, u) => ({ w1: w[u], w2: w[units + u], b: b[u] }));
    },
    setWeights: (source) => {
      assertSameTree('setWeights', model.params, source.params);
      assignLeaves(model.params, source.params);
      optimizer = makeOptimizer(checked, stepsPerEpoch);
      state = optimizer.init(model.params);
      // NOTE: the last record described the old weights; it is measured again with the new ones.
      const last = history.pop()!;
      record(last.epoch);
    },
  };
}
