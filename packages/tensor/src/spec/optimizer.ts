import type { Tensor } from '../tensor';
import type { Params } from './params';

/** What line searches and full-batch methods (CG, L-BFGS, Newton, Hessian-free) may need. */
export interface UpdateContext {
  /** The loss at the current params, when the caller has it. */
  readonly loss?: number;
  /** Evaluates loss and gradient at other params (optax's extra args, torch's closure). */
  readonly lossAndGrad?: (params: Params) => { readonly loss: number; readonly grads: Params };
  /** The 0-based count of updates so far, for schedules that the caller drives. */
  readonly step?: number;
  /**
   * The same loss as a differentiable tensor function of the params, for methods that need second
   * derivatives (Newton's Hessian, Hessian-free's Hessian-vector products by double backward). Must
   * compute what `lossAndGrad` computes; `fit` and `minimize` pass it.
   */
  readonly lossFn?: (params: Params) => Tensor;
  /**
   * The same loss split as `loss(output(params))`, the model's output and the loss of that output, for
   * Gauss–Newton curvature Jᵀ·H_loss·J (Hessian-free optimization); `fit` passes it.
   */
  readonly outputAndLoss?: {
    readonly output: (params: Params) => Tensor;
    readonly loss: (output: Tensor) => Tensor;
  };
}

/**
 * An optimizer, or one stage of one (optax): `init` makes the state for some params; `update` turns
 * gradients into the updates to add to the params. Stages compose with `chain`.
 */
export interface GradientTransformation<S = unknown> {
  init(params: Params): S;
  /** Takes ownership of `state` (may reuse its buffers); never reuse the old state. Leaves `params` alone. */
  update<P extends Params>(grads: P, state: S, params?: P, ctx?: UpdateContext): [updates: P, state: S];
  /**
   * A promise that lets a training loop record `update` into a replayed step with the forward and
   * backward pass (`fit` does, see `replayable`): for states of one structure and gradients of one set
   * of shapes, `update` runs the same tensor ops with the same numbers in them at every step; it reads
   * `params` only as tensors and `ctx` not at all; its state holds only tensors, numbers, and plain
   * arrays and objects of them; and every number in its state is a count that each update increases by
   * one. Fixed-rate SGD, momentum and weight decay make it; a schedule, a bias correction (Adam), a
   * decision read from a tensor's values (rprop's signs read on the host, a line search) do not.
   */
  readonly sameOpsEveryStep?: boolean;
  /**
   * A promise that `update` keeps no tensor it is given (the gradients, the params, the old state, what
   * `ctx` leads to) past the call except inside the state it returns: once an update has run, a
   * training loop may free the params it replaced, the gradients and the old state's other tensors.
   * `fit` then keeps its weights in the backend's memory between steps (see @nn/core). Every
   * first-order transformation of @nn/optim makes it; chains and wrappers make it when all their parts do.
   */
  readonly retainsOnlyState?: boolean;
}

/** A learning rate that depends on the 0-based update count. */
export type Schedule = (step: number) => number;
