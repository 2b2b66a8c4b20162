import { type Batch, type BatchOrder, type Dataset, batchAt, batches, batchesInOrder, numBatches } from '@nn/data';
import { type CountedState, applyUpdates, countedState, disposeSupersededState } from '@nn/optim';
import {
  type GradientTransformation, type Layer, type Loss, type Params, type Rng, type Tensor, type UpdateContext,
  type Replayable, type StepLoop, NnError, ShapeError, add, assignLeaves, createRng, getBackend, isRecordingStep, isTensor, mapTree, noGrad, replayable, slice, stage, tidy, treeLeaves, valueAndGrad,
} from '@nn/tensor';
import type { BatchLogs, EpochLogs, FitControl, History, TrainingCallback } from './callbacks';
import { TrainingDivergedError } from './errors';
import { evaluate, type Metric } from './evaluate';
import { allFinite } from './finite';
import { perSampleLosses } from './per-sample-losses';
import { progressBar, readsOnlyBatchLogs } from './progress-bar';
import { ReplayedLoop } from './replayed-loop';
import { FREE_AT_ONCE_MIN_SIZE, StepRun } from './step-run';
import { withParams } from './with-params';

export interface FitOptions {
  readonly loss: Loss;
  readonly optimizer: GradientTransformation<any>;
  /** Passes over the training set. Default 1. */
  readonly epochs?: number;
  /** Samples per update: 1 is online learning, 'full' is full-batch, anything else mini-batches. Default 32. */
  readonly batchSize?: number | 'full';
  /** Reshuffle the training set every epoch. Default true. */
  readonly shuffle?: boolean;
  /**
   * Instead of `shuffle`: the order each epoch presents the N training samples in (`classBalancedOrder()`,
   * `alternatingClassOrder()`, `emphasisOrder()` from @nn/data, or your own). An order with `needsLosses`
   * gets every sample's loss, measured with the current weights at the epoch's start.
   */
  readonly batchOrder?: BatchOrder;
  /** Seeds shuffling, dropout and noise so that a run repeats exactly. Default 0. */
  readonly seed?: number;
  /** The generator to use instead of one made from `seed`. */
  readonly rng?: Rng;
  /** Held-out data evaluated after every epoch. */
  readonly validationData?: Dataset;
  /** Instead: hold out this fraction of the training set, taken from its end before any shuffling (as Keras). */
  readonly validationSplit?: number;
  /** Named metrics (prediction, target) → number, averaged over samples, e.g. { accuracy } from @nn/eval. */
  readonly metrics?: Readonly<Record<string, Metric>>;
  readonly callbacks?: readonly TrainingCallback[];
  /**
   * Transforms each training batch's inputs before the step (data augmentation, e.g. randomAffine from
   * @nn/data), drawing from fit's generator so that runs repeat. Validation data is never augmented.
   */
  readonly augment?: (x: Tensor, rng: Rng) => Tensor;
  /**
   * A weight penalty Ω(θ) added to every batch's loss, e.g. `l2(1e-4)` from @nn/regularize, so that its
   * gradient joins the loss's. The training loss fit reports includes it (as Keras); validation loss does not.
   */
  readonly regularizer?: (params: Params) => Tensor;
  /** Progress display: 'auto' (a bar on a terminal, a line per epoch otherwise), or false. Default 'auto'. */
  readonly progress?: 'auto' | false;
  /**
   * Record the step's forward and backward pass on its first batches and replay the recorded kernels
   * after (`replayable` from @nn/tensor), where that is safe: no dropout or noise, nothing drawn at
   * random or chosen from the data; with the optimizer's update in the recording when the optimizer
   * promises the same ops every step (`sameOpsEveryStep`: fixed-rate SGD, momentum, weight decay). Tiny
   * networks replay on the CPU kernels, larger ones (LeNet-5) on the backend's own. The results
   * (weights, history, optimizer state) are the same bit for bit as eager steps' on the CPU backend, and
   * on any backend for networks replayed on its kernels. Default true; false always runs ops eagerly.
   */
  readonly replaySteps?: boolean;
}

/**
 * Trains `model` by backpropagation: for every batch, loss and gradients by reverse-mode autodiff, then
 * one optimizer update applied to `model.params` in place. Returns per-epoch training and validation
 * loss and metrics. Non-finite loss, gradients or updates stop training with a TrainingDivergedError
 * before the bad update, so the model keeps its last good weights. Each update gets the context
 * `{ loss, step, lossAndGrad, lossFn, outputAndLoss }` over its batch, so full-batch and second-order
 * methods (lbfgs, conjugateGradient, newton, hessianFree with batchSize: 'full') work as they are.
 */
export async function fit(model: Layer, data: Dataset, options: FitOptions): Promise<History> {
  const { loss, optimizer, epochs = 1, batchSize = 32, shuffle = true, seed = 0, metrics = {}, callbacks = [], progress = 'auto' } = options;
  const rng = options.rng ?? createRng(seed);
  if (!Number.isInteger(epochs) || epochs < 0) throw new NnError('fit', `epochs must be a non-negative integer, got ${epochs}`);
  if (batchSize !== 'full' && (!Number.isInteger(batchSize) || batchSize < 1)) {
    throw new NnError('fit', `batchSize must be a positive integer or 'full', got ${batchSize}`);
  }
  const order: unknown = options.batchOrder;
  if (order !== undefined && (order === null || typeof order !== 'object' || typeof (order as BatchOrder).indices !== 'function')) {
    throw new NnError('fit', `batchOrder must be a BatchOrder { kind, indices(epoch, rng, ctx) } such as classBalancedOrder() or emphasisOrder(), got ${order === null ? 'null' : typeof order === 'function' ? 'a function (call it: classBalancedOrder())' : typeof order}`);
  }
  const { train, validation } = splitValidation(data, options);
  checkModelAcceptsData(model, train, loss);

  const size = batchSize === 'full' ? train.x.shape[0] : batchSize;
  const batchesPerEpoch = numBatches(train.x.shape[0], size, false);
  const history: History = { epochs: [] };
  let stopReason: string | undefined;
  const control: FitControl = {
    model,
    stop: (reason) => void (stopReason ??= reason),
    // NOTE: a callback may replace the optimizer state between steps (e.g. reduceLrOnPlateau's new rate).
    get optimizerState() {
      return state;
    },
    set optimizerState(next) {
      state = next;
    },
  };
  const allCallbacks = progress === false ? callbacks : [progressBar(), ...callbacks];
  const metricNames = Object.keys(metrics);
  // NOTE: the progress bar's onBatchEnd runs inside a run of steps; any other ends the run after each step, and is awaited.
  const batchEndInRun = allCallbacks.filter((cb) => cb.onBatchEnd !== undefined && readsOnlyBatchLogs.has(cb));
  const batchEndAwaited = allCallbacks.filter((cb) => cb.onBatchEnd !== undefined && !readsOnlyBatchLogs.has(cb));
  const hasBatchEnd = batchEndAwaited.length > 0;
  const call = async <K extends keyof TrainingCallback>(hook: K, ...args: Parameters<NonNullable<TrainingCallback[K]>>): Promise<void> => {
    settle();
    for (const cb of allCallbacks) await (cb[hook] as ((...a: unknown[]) => unknown) | undefined)?.apply(cb, args);
  };
  // NOTE: no promise to await for a hook no callback has: nothing then comes between two epochs' steps
  const listens = (hook: keyof TrainingCallback): boolean => allCallbacks.some((cb) => cb[hook] !== undefined);
  const [onEpochBegin, onEpochEnd] = [listens('onEpochBegin'), listens('onEpochEnd')];

  let state = optimizer.init(model.params);
  const { regularizer } = options;
  const penalized = (value: Tensor): Tensor => (regularizer === undefined ? value : add(value, regularizer(model.params)));
  let step = 0;
  const lossAndGrad = (params: Params, x: Tensor, y: Tensor) =>
    withParams(model, params, () => {
      const { value, grads } = valueAndGrad(() => penalized(loss(model.forward(x, { training: true, rng }), y)), model.params);
      return { loss: value.item(), grads };
    });

  // NOTE: the forward and backward pass of a step as one function of (params, x, y), so that it can be replayed.
  const forwardBackward = (params: Params, x: Tensor, y: Tensor) => {
    let prediction: Tensor | undefined;
    // NOTE: the batch staged once where the kernels read it (the first layer's product and its weight gradient share it)
    const staged = stage(x);
    const { value, grads } = valueAndGrad(() => {
      prediction = model.forward(staged, { training: true, rng });
      return penalized(loss(prediction, y));
    }, params);
    return { value, grads, prediction: prediction! };
  };
  // NOTE: steps join runs (see below) on a backend that keeps results in short-lived memory (Backend.evict:
  // on host arrays the replaced weights are the garbage collector's, as ever), where the optimizer promises
  // to retain nothing but its state.
  const joinsRuns = getBackend().evict !== undefined && optimizer.retainsOnlyState === true;
  const trainStep = options.replaySteps === false ? forwardBackward : replayedStep(model, loss, regularizer, forwardBackward);
  // NOTE: an optimizer that promises the same ops every step is recorded into the replayed step too.
  const stepWithUpdate = options.replaySteps !== false && optimizer.sameOpsEveryStep === true ? replayedUpdateStep(model, loss, regularizer, optimizer, forwardBackward) : undefined;
  // NOTE: steps with nothing but fit's own bookkeeping and metrics around them (no augmentation or
  // callback awaited per step) run back to back in a ReplayedLoop once their recorded plan is a CPU plan:
  // a tiny network's step then costs its kernels and little more. Such steps take their batches by position.
  const loopable = stepWithUpdate !== undefined && options.augment === undefined && !hasBatchEnd && options.batchOrder === undefined;
  let loop: ReplayedLoop | undefined;
  /**
   * The loop's weights and optimizer state into the model and `state`: before anything but the loop's
   * steps reads them (an ordinary step, a callback, validation, a turn of the event loop, the end).
   */
  const settle = () => {
    if (loop !== undefined) state = loop.commit(model.params, state);
  };
  const startLoop = (x: Tensor, y: Tensor): ReplayedLoop | undefined => {
    const ready = stepWithUpdate?.loop(model.params, state, x, y);
    return ready === undefined ? undefined : new ReplayedLoop(ready.loop, model.params, ready.counted, state, train);
  };

  const orderedBatches = (order: BatchOrder, epoch: number) => {
    const losses = order.needsLosses ? perSampleLosses(model, train, loss, { batchSize: Math.max(size, 256) }) : undefined;
    const ctx = { n: train.x.shape[0], y: train.y, batchSize: size, ...(losses === undefined ? {} : { losses }) };
    return batchesInOrder(train, order.indices(epoch, rng, ctx), { size });
  };

  await call('onTrainBegin', { epochs, batchesPerEpoch, samples: train.x.shape[0], validationSamples: validation?.x.shape[0] ?? 0, metricNames }, control);
  // NOTE: across epochs: many short epochs hand the event loop a turn every 50 ms too
  let lastYield = performance.now();
  /** A turn of the event loop, so that a browser page stays responsive. */
  const yieldTurn = async () => {
    settle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    lastYield = performance.now();
  };
  try {
    for (let epoch = 1; epoch <= epochs && stopReason === undefined; epoch++) {
      if (onEpochBegin) await call('onEpochBegin', epoch, control);
      const started = performance.now();
      let lossSum = 0;
      let seen = 0;
      const metricSums: Record<string, number> = Object.fromEntries(metricNames.map((n) => [n, 0]));
      const addMetrics = (prediction: Tensor, y: Tensor, count: number) => {
        for (const name of metricNames) metricSums[name] += metrics[name](prediction, y) * count;
      };
      /** One step on one batch, in a scope of its own (its new weights and state join `run` where steps make runs); its logs. */
      const trainOn = ({ x: rawX, y, index }: Batch, run: StepRun): BatchLogs => {
        const batch = index + 1;
        const count = rawX.shape[0];
        let batchLoss = NaN;
        // NOTE: one scope per step: everything the step makes but the new weights and optimizer state is
        // disposed at its end, so the backend reuses that memory for the next step.
        tidy(() => {
          const x = options.augment === undefined ? rawX : options.augment(rawX, rng);
          const withUpdate = stepWithUpdate?.step(model.params, state, x, y);
          if (withUpdate !== undefined) {
            batchLoss = withUpdate.value.item();
            if (!Number.isFinite(batchLoss)) throw new TrainingDivergedError(epoch, batch, 'loss');
            if (!allFinite(withUpdate.params)) {
              // NOTE: a replayed step is deterministic, so running it again eagerly finds the same gradients.
              const grads = withUpdate.grads ?? forwardBackward(model.params, x, y).grads;
              throw new TrainingDivergedError(epoch, batch, allFinite(grads) ? 'updates' : 'gradients');
            }
            const previous = joinsRuns ? [treeLeaves(model.params), state] : undefined;
            assignLeaves(model.params, withUpdate.params);
            if (withUpdate.grads !== undefined) disposeSupersededState(state, withUpdate.state);
            state = withUpdate.state;
            if (previous !== undefined) run.replaced(previous, [model.params, state]);
            if (metricNames.length > 0) noGrad(() => addMetrics(withUpdate.prediction, y, count));
            return [model.params, state];
          }
          const { value, grads, prediction } = trainStep(model.params, x, y);
          batchLoss = value.item();
          if (!Number.isFinite(batchLoss)) throw new TrainingDivergedError(epoch, batch, 'loss');
          // NOTE: outputAndLoss splits the loss for Gauss–Newton curvature; a regularizer's penalty is not a
          // loss of the output, so then second-order methods get only lossFn.
          const output = (p: Params) => withParams(model, p, () => model.forward(x, { training: true, rng }));
          const ctx: UpdateContext = {
            loss: batchLoss,
            step,
            lossAndGrad: (p: Params) => lossAndGrad(p, x, y),
            lossFn: (p: Params) => withParams(model, p, () => penalized(loss(model.forward(x, { training: true, rng }), y))),
            ...(regularizer === undefined ? { outputAndLoss: { output, loss: (prediction: Tensor) => loss(prediction, y) } } : {}),
          };
          const [updates, nextState] = optimizer.update(grads, state, model.params, ctx);
          // NOTE: one scan per step: a non-finite gradient shows in the updates; only then find which it was.
          if (!allFinite(updates)) throw new TrainingDivergedError(epoch, batch, allFinite(grads) ? 'updates' : 'gradients');
          const previous = joinsRuns ? [treeLeaves(model.params), state] : undefined;
          applyUpdates(model.params, updates);
          // NOTE: the old state's moments that a fused update made are freed now, so the next step's reuse their memory.
          disposeSupersededState(state, nextState);
          state = nextState;
          if (previous !== undefined) run.replaced(previous, [model.params, state]);
          if (metricNames.length > 0) noGrad(() => addMetrics(prediction, y, count));
          return [model.params, state];
        });
        // NOTE: a batch made for this step (not a whole training set given as one batch) is done with: in a
        // run its memory would otherwise stay taken until the run ends.
        if (joinsRuns && rawX !== train.x && rawX.size >= FREE_AT_ONCE_MIN_SIZE) rawX.dispose();
        if (joinsRuns && y !== train.y && y.size >= FREE_AT_ONCE_MIN_SIZE) y.dispose();
        step++;
        lossSum += batchLoss * count;
        seen += count;
        const logs = { epoch, batch, batches: batchesPerEpoch, loss: batchLoss, size: count };
        for (const cb of batchEndInRun) void cb.onBatchEnd!(logs, control);
        return logs;
      };
      // NOTE: a loopable fit draws the epoch's order as batches() would, and takes its batches by position
      const order = loopable && shuffle ? rng.permutation(train.x.shape[0]) : undefined;
      let position = 0;
      const epochBatches: Iterator<Batch> = loopable
        ? { next: () => (position < batchesPerEpoch ? { done: false, value: batchAt(train, order, position++, size, batchesPerEpoch) } : { done: true, value: undefined }) }
        : (options.batchOrder === undefined ? batches(train, { size, shuffle, rng }) : orderedBatches(options.batchOrder, epoch))[Symbol.iterator]();
      /**
       * Steps in the loop from `position` on while their batches are whole and 50 ms have not passed;
       * true when the last one failed (see ReplayedLoop.step), for the ordinary path to run it again.
       */
      const loopSteps = (steps: ReplayedLoop): boolean => {
        if (!steps.load(model.params, state)) {
          loop = undefined;
          return false;
        }
        const whole = steps.batchSize;
        // NOTE: the steps stay in the loop until `settle` (an error ends fit through its `finally`, which settles)
        while (position < batchesPerEpoch && (position + 1) * whole <= train.x.shape[0] && performance.now() - lastYield <= 50) {
          const batchLoss = steps.step(order, position * whole);
          if (batchLoss === undefined) return true;
          position++;
          step++;
          lossSum += batchLoss * whole;
          seen += whole;
          if (metricNames.length > 0) {
            tidy(() => {
              const { prediction, y } = steps.batchTensors();
              noGrad(() => addMetrics(prediction, y, whole));
            });
          }
          if (batchEndInRun.length > 0) {
            const logs = { epoch, batch: position, batches: batchesPerEpoch, loss: batchLoss, size: whole };
            for (const cb of batchEndInRun) void cb.onBatchEnd!(logs, control);
          }
        }
        return false;
      };
      let ordinary = false;
      for (let more = true; more;) {
        if (loop !== undefined && !ordinary) {
          ordinary = loopSteps(loop);
          more = position < batchesPerEpoch;
          // NOTE: a batch the loop does not take (a short last one, a failed step) goes the ordinary way
          if (more && performance.now() - lastYield <= 50) ordinary = true;
          if (more && !ordinary) await yieldTurn();
          continue;
        }
        ordinary = false;
        settle();
        let last = undefined as BatchLogs | undefined;
        let failure = undefined as { readonly error: unknown } | undefined;
        // NOTE: steps that no callback and no turn of the event loop come between share one scope (see
        // StepRun): each one's new weights and state stay in the backend's memory for the next, and only
        // the run's last leave it. Only where the optimizer promises to retain nothing but its state
        // (GradientTransformation.retainsOnlyState: its update may otherwise keep what it is given) and the
        // backend keeps results in its own memory (with host arrays a run gains nothing); elsewhere steps go
        // one at a time, each in a scope of its own, as ever.
        const run = () => {
          const steps = new StepRun();
          try {
            do {
              const next = epochBatches.next();
              if (next.done === true) {
                more = false;
                break;
              }
              last = trainOn(next.value, steps);
              if (loopable && loop === undefined && next.value.x.shape[0] === size) loop = startLoop(next.value.x, next.value.y);
            } while (joinsRuns && !hasBatchEnd && performance.now() - lastYield <= 50 && loop === undefined);
          } catch (error) {
            // NOTE: the model's weights are its last good ones; they leave the scope as after any run.
            failure = { error };
          }
          return [model.params, state];
        };
        if (joinsRuns) tidy(run);
        else run();
        if (failure !== undefined) throw failure.error;
        // NOTE: no promise to await per step unless a callback listens (a tiny step costs tens of microseconds).
        if (hasBatchEnd && last !== undefined) for (const cb of batchEndAwaited) await cb.onBatchEnd!(last, control);
        if (performance.now() - lastYield > 50) await yieldTurn();
      }
      const trainSeconds = (performance.now() - started) / 1000;
      if (validation !== undefined) settle();
      const val = validation === undefined ? undefined : evaluate(model, validation, { loss, metrics, batchSize: Math.max(size, 256) });
      const logs: EpochLogs = {
        epoch,
        loss: lossSum / seen,
        metrics: Object.fromEntries(metricNames.map((n) => [n, metricSums[n] / seen])),
        ...(val === undefined ? {} : { valLoss: val.loss, valMetrics: val.metrics }),
        seconds: (performance.now() - started) / 1000,
        samplesPerSecond: seen / trainSeconds,
      };
      history.epochs.push(logs);
      if (onEpochEnd) await call('onEpochEnd', logs, control);
    }
  } finally {
    settle();
  }
  if (stopReason !== undefined) history.stoppedBecause = stopReason;
  await call('onTrainEnd', history, control);
  return history;
}

type ForwardBackward = (params: Params, x: Tensor, y: Tensor) => { value: Tensor; grads: Params; prediction: Tensor };

/** Per model: the replayed step of its last fit call, reused by the next with the same loss and regularizer. */
const replayedSteps = new WeakMap<Layer, { loss: Loss; regularizer: unknown; step: Replayable<Params, [Tensor, Tensor], ReturnType<ForwardBackward>>; current: { f: ForwardBackward } }>();

/**
 * `replayable(f)`, kept across fit calls on the same model: each call checks the recorded plan with one
 * traced step instead of recording it anew (two traced steps and a compile), which a short fit call
 * (an epoch at a time, as a playground trains) would pay every time.
 */
function replayedStep(model: Layer, loss: Loss, regularizer: unknown, f: ForwardBackward): ForwardBackward {
  const cached = replayedSteps.get(model);
  if (cached !== undefined && cached.loss === loss && cached.regularizer === regularizer) {
    cached.current.f = f;
    cached.step.recheck();
    return cached.step;
  }
  const current = { f };
  const step = replayable((params: Params, x: Tensor, y: Tensor) => current.f(params, x, y));
  replayedSteps.set(model, { loss, regularizer, step, current });
  return step;
}

/** A step that includes the optimizer's update: the new params and state, not yet applied. */
interface StepWithUpdate {
  readonly value: Tensor;
  readonly prediction: Tensor;
  readonly params: Params;
  readonly state: unknown;
  /** The step's gradients, when it ran (eagerly, or traced) rather than replayed. */
  readonly grads?: Params;
}

interface UpdateStep {
  /** The step on this batch: replayed, recorded or eager; undefined when it is not to include the update (see replayedUpdateStep). */
  step(params: Params, state: unknown, x: Tensor, y: Tensor): StepWithUpdate | undefined;
  /** The recorded step of these shapes as a loop over arrays, with the state taken apart; undefined unless its plan is ready and a CPU plan. */
  loop(params: Params, state: unknown, x: Tensor, y: Tensor): { loop: StepLoop; counted: CountedState } | undefined;
}

/** What the recorded function of a step with its update reads and leaves behind on each call. */
interface UpdateStepCall {
  f: ForwardBackward;
  state: unknown;
  ran?: { readonly grads: Params; readonly next: unknown; readonly recorded: boolean };
}

/** Per model: the replayed step with the update of its last fit call, reused by the next with the same loss, regularizer and optimizer. */
const updateSteps = new WeakMap<Layer, {
  loss: Loss; regularizer: unknown; optimizer: GradientTransformation<any>; broken: boolean;
  step: Replayable<{ params: Params; state: Tensor[] }, [Tensor, Tensor], { value: Tensor; prediction: Tensor; params: Params; state: Tensor[] }>;
  call: UpdateStepCall;
}>();

/**
 * The forward and backward pass, the optimizer's update and θ + u as one replayable function of the
 * params, the state's tensors and the batch, for an optimizer that promises the same ops every step
 * (`sameOpsEveryStep`): the update's ops are recorded with the rest, and a replay advances the state's
 * counts itself. The promise is checked on every step that runs the update (the state it returns must
 * be the old one with each count one higher). Returns undefined, so that fit runs the step without the
 * update in it, for a state or params tree of another kind (a bare tensor, a string in the state), and
 * for good once the promise was broken or a step ran unrecorded (its forward and backward pass may
 * still replay on their own then).
 */
function replayedUpdateStep(model: Layer, loss: Loss, regularizer: unknown, optimizer: GradientTransformation<any>, f: ForwardBackward): UpdateStep {
  let entry = updateSteps.get(model);
  if (entry !== undefined && entry.loss === loss && entry.regularizer === regularizer && entry.optimizer === optimizer) {
    entry.call.f = f;
    entry.step.recheck();
  } else {
    const call: UpdateStepCall = { f, state: undefined };
    const step = replayable((tree: { params: Params; state: Tensor[] }, x: Tensor, y: Tensor) => {
      const { value, grads, prediction } = call.f(tree.params, x, y);
      // NOTE: call.state holds the very tensors of tree.state, which is how a trace sees them as inputs.
      const [updates, next] = optimizer.update(grads, call.state, tree.params);
      call.ran = { grads, next, recorded: isRecordingStep() };
      const params = mapTree((p, u) => add(p, u), tree.params, updates);
      return { value, prediction, params, state: countedState(next)?.tensors ?? [] };
    });
    entry = { loss, regularizer, optimizer, broken: false, step, call };
    updateSteps.set(model, entry);
  }
  const { step, call } = entry;
  const known = entry;
  const taken = (params: Params, state: unknown) => (known.broken || isTensor(params) ? undefined : countedState(state));
  const loop: UpdateStep['loop'] = (params, state, x, y) => {
    const counted = taken(params, state);
    const ready = counted === undefined ? undefined : step.loop({ params, state: counted.tensors }, x, y);
    return ready === undefined ? undefined : { loop: ready, counted: counted! };
  };
  const run: UpdateStep['step'] = (params, state, x, y) => {
    const counted = taken(params, state);
    if (counted === undefined) return undefined;
    call.state = state;
    call.ran = undefined;
    const out = step({ params, state: counted.tensors }, x, y);
    const ran = call.ran as UpdateStepCall['ran'];
    call.state = undefined;
    if (ran === undefined) return { value: out.value, prediction: out.prediction, params: out.params, state: counted.advance(out.state) };
    // NOTE: a step that ran unrecorded (random ops, too large, another backend) is better off without the update in it: its forward and backward pass may still replay.
    if (!ran.recorded || !counted.isAdvancedBy(ran.next)) known.broken = true;
    return { value: out.value, prediction: out.prediction, params: out.params, state: ran.next, grads: ran.grads };
  };
  return { step: run, loop };
}

/** The training set and the held-out one, from validationData or validationSplit. */
function splitValidation(data: Dataset, { validationData, validationSplit }: FitOptions): { train: Dataset; validation?: Dataset } {
  if (data.x.shape[0] !== data.y.shape[0]) {
    throw new ShapeError('fit', `x has ${data.x.shape[0]} samples but y has ${data.y.shape[0]}`);
  }
  if (validationData !== undefined && validationSplit !== undefined) {
    throw new NnError('fit', 'give validationData or validationSplit, not both');
  }
  if (validationSplit === undefined) return { train: data, validation: validationData };
  const n = data.x.shape[0];
  const held = Math.round(n * validationSplit);
  if (!(validationSplit > 0 && validationSplit < 1) || held === 0 || held === n) {
    throw new NnError('fit', `validationSplit must leave samples on both sides, got ${validationSplit} of ${n} samples`);
  }
  const part = (t: Tensor, begin: number, count: number) => slice(t, [begin], [count]);
  return {
    train: { x: part(data.x, 0, n - held), y: part(data.y, 0, n - held) },
    validation: { x: part(data.x, n - held, held), y: part(data.y, n - held, held) },
  };
}

/** Per model: the training set and loss its last check passed with (tensors are immutable, so the same ones pass again). */
const checkedData = new WeakMap<Layer, { x: Tensor; y: Tensor; loss: Loss }>();

/**
 * Runs the model and loss on the first sample before training, so a wrong input width, a label out of
 * range or a target of the wrong shape fails at once with the layer's or loss's own message. Skipped
 * when the model's last check passed with the same training tensors and loss: a fit call an epoch at a
 * time, as a playground trains, would otherwise pay an eager forward pass each time (for a tiny network
 * as much as a dozen replayed steps).
 */
function checkModelAcceptsData(model: Layer, train: Dataset, loss: Loss): void {
  if (train.x.shape[0] === 0) throw new NnError('fit', 'the training set is empty');
  const checked = checkedData.get(model);
  if (checked !== undefined && checked.x === train.x && checked.y === train.y && checked.loss === loss) return;
  noGrad(() => {
    const x = slice(train.x, [0], [1]);
    const y = slice(train.y, [0], [1]);
    loss(model.forward(x), y);
  });
  checkedData.set(model, { x: train.x, y: train.y, loss });
}
