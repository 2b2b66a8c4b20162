import { type Tensor, add, matmul, tanh } from '@nn/tensor';
import type { RecurrentLayer, RecurrentRunOptions } from './recurrent-layer';
import { type RecurrentOptions, initWeight, recurrentConfig, resolveRecurrentOptions } from './recurrent-options';
import { type Cell, runRecurrence, zeroState } from './run-recurrence';

/** The weights of a simple recurrent layer: W: [F, units], U: [units, units], b: [units]. */
export type SimpleRnnParams = { w: Tensor; u: Tensor; b: Tensor };

/** The state of a simple recurrent layer: h, [N, units]. */
export type SimpleRnnState = { readonly h: Tensor };

/**
 * hₜ = tanh(xₜ·W + hₜ₋₁·U + b) — Elman's simple recurrent network, over x: [N, T, F]. Outputs hₜ for
 * every step ([N, T, units], `returnSequences`) or the last ([N, units]); see {@link RecurrentLayer}
 * for states and {@link SequenceContext} for padded sequences. PyTorch's `nn.RNN` has the same cell
 * with W = weight_ih_l0ᵀ, U = weight_hh_l0ᵀ and b = bias_ih_l0 + bias_hh_l0.
 * @see J. L. Elman, "Finding structure in time", Cognitive Science 14(2), 1990
 */
export function simpleRnn(inFeatures: number, units: number, options: RecurrentOptions = {}): RecurrentLayer<SimpleRnnParams, SimpleRnnState> {
  const op = 'simpleRnn';
  const o = resolveRecurrentOptions(op, inFeatures, units, options);
  const params: SimpleRnnParams = {
    w: initWeight(op, o.init, [inFeatures, units], o, 'init'),
    u: initWeight(op, o.recurrentInit, [units, units], o, 'recurrentInit'),
    b: initWeight(op, o.biasInit, [units], o, 'biasInit'),
  };
  const cell: Cell<SimpleRnnState> = {
    op,
    inFeatures,
    units,
    params,
    stateKeys: ['h'],
    project: (x) => add(matmul(x, params.w), params.b),
    step: (xw, { h }) => ({ h: tanh(add(xw, matmul(h, params.u))) }),
  };
  const run = (x: Tensor, opts?: RecurrentRunOptions<SimpleRnnState>) => runRecurrence(cell, x, opts, o);
  return {
    kind: 'simpleRnn',
    config: recurrentConfig(inFeatures, units, o),
    params,
    forward: (x, ctx) => run(x, ctx === undefined ? undefined : { mask: ctx.mask, lengths: ctx.lengths }).output,
    forwardWithState: run,
    initialState: (n) => zeroState(cell, n, o.dtype),
    reversed: (rng) => simpleRnn(inFeatures, units, { ...options, reverse: !o.reverse, rng }),
  };
}
