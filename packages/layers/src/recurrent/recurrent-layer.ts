import type { ForwardContext, Layer, Params, Rng, Tensor } from '@nn/tensor';

/**
 * The forward context of a recurrent layer: which steps of each sequence are padding. A padded
 * step keeps the previous state and outputs zeros, so the last state of a sequence is its state at
 * its own last step. `sequential` hands the context to every child, so one mask serves a stack.
 */
export interface SequenceContext extends ForwardContext {
  /** [N, T] of 0 (padding) and 1 (a real step). Give a mask or lengths, not both. */
  readonly mask?: Tensor;
  /** [N]: sequence n is its first lengths[n] steps (0 ≤ lengths[n] ≤ T), the rest is padding. */
  readonly lengths?: Tensor | readonly number[];
}

/** The state a recurrent layer carries from step to step: h (and the LSTM's cell c), each [N, units]. */
export type RecurrentState = { readonly [name: string]: Tensor };

/** What `forwardWithState` takes besides the input. */
export interface RecurrentRunOptions<S> extends SequenceContext {
  /** The state before the first step (default: zeros), e.g. the state a previous call returned. */
  readonly initialState?: S;
}

/** The output `forward` would give and the state after the last step (after each sequence's own last step, with a mask). */
export interface RecurrentRun<S> {
  readonly output: Tensor;
  readonly state: S;
}

/**
 * A layer that reads a sequence x: [N, T, F] and outputs the whole sequence of hidden states
 * [N, T, units] (`returnSequences: true`) or the last one [N, units]. Besides `forward` it runs from a
 * given state and returns the final one (stateful generation, truncated backpropagation through time).
 */
export interface RecurrentLayer<P extends Params = Params, S = RecurrentState> extends Layer<P> {
  forward(x: Tensor, ctx?: SequenceContext): Tensor;
  /** `forward`, starting from `options.initialState`, also returning the state after the last step. */
  forwardWithState(x: Tensor, options?: RecurrentRunOptions<S>): RecurrentRun<S>;
  /** The zero state for a batch of n sequences. */
  initialState(n: number): S;
  /** A fresh layer of the same config (new weights drawn from `rng`) that reads the sequence in the other direction. */
  reversed(rng?: Rng): RecurrentLayer<P, S>;
}
