import type { Dataset } from '@nn/data';
import { type CountedState, countedState } from '@nn/optim';
import { type Params, type StepLoop, type Tensor, type TypedArray, NnError, assignLeaves, fromTypedArray, mapTree, treeLeaves } from '@nn/tensor';

/**
 * `fit`'s steps of a network small enough for the CPU plan, run back to back over the recorded step's
 * own arrays (`Replayable.loop` of @nn/tensor). The step is the one with the optimizer's update in it:
 * its result's leaves are the loss, the prediction, the new weights and the optimizer state's new
 * tensors, and its inputs the weights, the state's tensors, the batch's inputs and its targets.
 *
 * Each step copies its batch's rows out of the training set into the loop, runs the plan, checks the
 * loss and the new weights, and copies the new weights and state into the loop's inputs for the next
 * step. Nothing else happens per step: no tensor, scope, tree walk or gather. The weights and state
 * become tensors again only when something else is to read them (`commit`; fit's `settle`). For the
 * 2-8-8-2 tanh network of apps/bench W6 (batch 10, a ~20 µs step) that per-step work was half of the step.
 */
export class ReplayedLoop {
  readonly #loop: StepLoop;
  /** The model's weights: the first leaves of the loop's inputs and of its result after the loss and the prediction. */
  readonly #paramCount: number;
  /** The weights' and the optimizer state's tensors together. */
  readonly #leafCount: number;
  readonly #x: TypedArray;
  readonly #y: TypedArray;
  readonly #rowX: number;
  readonly #rowY: number;
  readonly #batchSize: number;
  /** The tensors the loop's inputs hold the values of (the model's leaves and the state they came from or went to). */
  #params: readonly Tensor[];
  #state: unknown;
  #counted: CountedState;
  /** Steps run since the inputs were loaded or committed. */
  #pending = 0;

  constructor(loop: StepLoop, params: Params, counted: CountedState, state: unknown, train: Dataset) {
    this.#loop = loop;
    this.#params = treeLeaves(params);
    this.#paramCount = this.#params.length;
    this.#leafCount = this.#paramCount + counted.tensors.length;
    this.#state = state;
    this.#counted = counted;
    const n = train.x.shape[0];
    this.#x = train.x.dataSync();
    this.#y = train.y.dataSync();
    this.#rowX = train.x.size / n;
    this.#rowY = train.y.size / n;
    this.#batchSize = loop.inputs[this.#leafCount].length / this.#rowX;
  }

  /** Samples per step: the recorded batch's. */
  get batchSize(): number {
    return this.#batchSize;
  }

  /**
   * Makes the loop's inputs hold `params` and `state` (skipped when they are the tensors it holds
   * already). A callback may have set new weights or a new optimizer state since the last run. False
   * when they no longer fit the recorded step (other shapes, another state's structure).
   */
  load(params: Params, state: unknown): boolean {
    const leaves = treeLeaves(params);
    if (state === this.#state && leaves.length === this.#params.length && leaves.every((t, i) => t === this.#params[i])) return true;
    if (this.#pending > 0) throw new NnError('fit', `internal: ${this.#pending} steps of the loop were not committed before the weights or state were replaced`);
    const counted = countedState(state);
    if (counted === undefined || leaves.length !== this.#paramCount || leaves.length + counted.tensors.length !== this.#leafCount) return false;
    const values = [...leaves, ...counted.tensors].map((t) => t.dataSync());
    const { inputs } = this.#loop;
    if (values.some((v, i) => v.length !== inputs[i].length || v.constructor !== inputs[i].constructor)) return false;
    values.forEach((v, i) => inputs[i].set(v));
    this.#params = leaves;
    this.#state = state;
    this.#counted = counted;
    this.#pending = 0;
    return true;
  }

  /**
   * One step on the batch of the training set's samples at `order[start …]` (with no order, from
   * `start` on): its loss; or undefined when the step threw, or its loss or new weights are not finite.
   * The loop's weights are then still the ones before the step, and the step is left to fit's ordinary
   * path, which meets the same failure and reports it.
   */
  step(order: Int32Array | undefined, start: number): number | undefined {
    const { inputs, outputs } = this.#loop;
    const xs = this.#x;
    const ys = this.#y;
    const rowX = this.#rowX;
    const rowY = this.#rowY;
    const bx = inputs[this.#leafCount];
    const by = inputs[this.#leafCount + 1];
    for (let j = 0; j < this.#batchSize; j++) {
      const sample = order === undefined ? start + j : order[start + j];
      for (let e = 0, from = sample * rowX, to = j * rowX; e < rowX; e++) bx[to + e] = xs[from + e];
      for (let e = 0, from = sample * rowY, to = j * rowY; e < rowY; e++) by[to + e] = ys[from + e];
    }
    try {
      this.#loop.run();
    } catch {
      return undefined;
    }
    const loss = outputs[0][0];
    if (!Number.isFinite(loss)) return undefined;
    for (let i = 0; i < this.#paramCount; i++) {
      const w = outputs[2 + i];
      for (let e = 0; e < w.length; e++) if (w[e] - w[e] !== 0) return undefined;
    }
    // NOTE: element by element: a tiny network's leaves are a few to a few dozen values, fewer than TypedArray#set's fixed cost
    for (let i = 0; i < this.#leafCount; i++) {
      const from = outputs[2 + i];
      const to = inputs[i];
      for (let e = 0; e < from.length; e++) to[e] = from[e];
    }
    this.#pending++;
    return loss;
  }

  /** After a step: its prediction (the model's output) and its batch's targets, as fresh tensors, for metrics. */
  batchTensors(): { prediction: Tensor; y: Tensor } {
    const { inputs, outputs, inputShapes, outputShapes } = this.#loop;
    const y = this.#leafCount + 1;
    return { prediction: fromTypedArray(outputs[1].slice(), outputShapes[1]), y: fromTypedArray(inputs[y].slice(), inputShapes[y]) };
  }

  /**
   * The weights and optimizer state after the steps since the last load or commit, as fresh tensors:
   * the weights assigned into `params` (the model's), the new state returned, its counts advanced by
   * the number of steps.
   */
  commit(params: Params, state: unknown): unknown {
    if (this.#pending === 0) return state;
    const { inputs } = this.#loop;
    let at = 0;
    const weights = mapTree((t) => fromTypedArray(inputs[at++].slice(), t.shape, t.dtype), params);
    const tensors = this.#counted.tensors.map((t, k) => fromTypedArray(inputs[this.#paramCount + k].slice(), t.shape, t.dtype));
    assignLeaves(params, weights);
    const next = this.#counted.advance(tensors, this.#pending);
    this.#params = treeLeaves(params);
    this.#state = next;
    this.#counted = countedState(next)!;
    this.#pending = 0;
    return next;
  }
}
