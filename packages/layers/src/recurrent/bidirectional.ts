import { type Params, type Rng, type Tensor, ValueError, add, concat } from '@nn/tensor';
import { assertLayer, describeLayer } from '../describe-layer';
import type { RecurrentLayer, RecurrentRun, RecurrentRunOptions, SequenceContext } from './recurrent-layer';

export interface BidirectionalOptions<P extends Params, S> {
  /** How the two directions' outputs join: 'concat' along the features ([…, 2·units], PyTorch's way) or 'sum'. Default 'concat'. */
  readonly merge?: 'concat' | 'sum';
  /** The layer that reads the sequence backwards. Default `layer.reversed(rng)`: the same config, fresh weights. */
  readonly backward?: RecurrentLayer<P, S>;
  /** The generator for the backward layer's weights when it is made here. */
  readonly rng?: Rng;
}

/** The weights of a bidirectional layer: each direction's own. */
export type BidirectionalParams<P extends Params> = { forward: P; backward: P };

/** The state of a bidirectional layer: each direction's own. */
export type BidirectionalState<S> = { readonly forward: S; readonly backward: S };

/** A recurrent layer of two directions, which also keeps them for inspection (it has no `reversed`). */
export interface BidirectionalLayer<P extends Params, S> extends Omit<RecurrentLayer<BidirectionalParams<P>, BidirectionalState<S>>, 'reversed'> {
  readonly layers: { readonly forward: RecurrentLayer<P, S>; readonly backward: RecurrentLayer<P, S> };
}

/**
 * y = merge(→h, ←h): `layer` reads the sequence from its first step to its last, a twin from its last
 * to its first, and their outputs are joined step by step (or their last states, without
 * `returnSequences`; the backward direction's last state is its state after step 0). With a mask or
 * lengths the backward direction starts at each sequence's own last step: the padding after it
 * leaves its initial state untouched.
 * @see M. Schuster, K. K. Paliwal, "Bidirectional recurrent neural networks", IEEE Transactions on Signal Processing 45(11), 1997
 */
export function bidirectional<P extends Params, S>(
  layer: RecurrentLayer<P, S>,
  { merge = 'concat', backward, rng }: BidirectionalOptions<P, S> = {},
): BidirectionalLayer<P, S> {
  const op = 'bidirectional';
  assertRecurrent(op, layer, 'layer');
  if (merge !== 'concat' && merge !== 'sum') throw new ValueError(op, `merge must be 'concat' or 'sum', got ${String(merge)}`);
  const back = backward ?? layer.reversed(rng);
  assertRecurrent(op, back, 'backward');
  const fc = layer.config;
  const bc = back.config;
  if (fc.reverse === bc.reverse) throw new ValueError(op, `the backward layer must read in the other direction (reverse: ${String(!fc.reverse)}), got reverse: ${String(bc.reverse)}`);
  for (const key of ['inFeatures', 'units', 'returnSequences'] as const) {
    if (fc[key] !== bc[key]) throw new ValueError(op, `the two directions differ in ${key}: ${String(fc[key])} and ${String(bc[key])}`);
  }
  const join = (a: Tensor, b: Tensor) => (merge === 'concat' ? concat([a, b], a.rank - 1) : add(a, b));
  const run = (x: Tensor, { initialState, ...ctx }: RecurrentRunOptions<BidirectionalState<S>> = {}): RecurrentRun<BidirectionalState<S>> => {
    const f = layer.forwardWithState(x, { ...ctx, initialState: initialState?.forward });
    const b = back.forwardWithState(x, { ...ctx, initialState: initialState?.backward });
    return { output: join(f.output, b.output), state: { forward: f.state, backward: b.state } };
  };
  return {
    kind: 'bidirectional',
    config: { merge, forward: describeLayer(layer), backward: describeLayer(back) },
    params: { forward: layer.params, backward: back.params },
    layers: { forward: layer, backward: back },
    forward: (x: Tensor, ctx?: SequenceContext) => run(x, ctx === undefined ? {} : { mask: ctx.mask, lengths: ctx.lengths }).output,
    forwardWithState: run,
    initialState: (n) => ({ forward: layer.initialState(n), backward: back.initialState(n) }),
  };
}

/** Throws unless `x` is a recurrent layer (a layer with forwardWithState, initialState and reversed). */
export function assertRecurrent(op: string, x: unknown, what: string): asserts x is RecurrentLayer {
  assertLayer(op, x, what);
  const l = x as Partial<RecurrentLayer>;
  if (typeof l.forwardWithState !== 'function' || typeof l.initialState !== 'function' || typeof l.reversed !== 'function') {
    throw new ValueError(op, `expected ${what} to be a recurrent layer (simpleRnn, lstm, gru), got a '${(x as { kind: string }).kind}' layer`);
  }
}
