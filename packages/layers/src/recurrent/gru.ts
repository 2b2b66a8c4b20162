import { type Tensor, add, matmul, mul, sigmoid, slice, sub, tanh } from '@nn/tensor';
import type { RecurrentLayer, RecurrentRunOptions } from './recurrent-layer';
import { type RecurrentOptions, initWeight, recurrentConfig, resolveRecurrentOptions } from './recurrent-options';
import { type Cell, runRecurrence, zeroState } from './run-recurrence';

/**
 * The weights of a GRU layer, the gates side by side in PyTorch's order r, z, n: W: [F, 3·units],
 * U: [units, 3·units], b: [3·units], and the n gate's recurrent bias bhn: [units], kept apart because
 * the reset gate multiplies it.
 */
export type GruParams = { w: Tensor; u: Tensor; b: Tensor; bhn: Tensor };

/** The state of a GRU layer: h, [N, units]. */
export type GruState = { readonly h: Tensor };

/**
 * [r z] = σ(xₜ·W_rz + hₜ₋₁·U_rz + b_rz); n = tanh(xₜ·W_n + b_n + r⊙(hₜ₋₁·U_n + b_hn));
 * hₜ = (1 − z)⊙n + z⊙hₜ₋₁ — the gated recurrent unit exactly as PyTorch's `nn.GRU` computes it (the
 * reset gate applied after the recurrent product), over x: [N, T, F]. One [N·T, F]×[F, 3·units]
 * product for the inputs of all steps, one [N, units]×[units, 3·units] product per step.
 *
 * Porting PyTorch's weights (gate order r, z, n): W = weight_ih_l0ᵀ, U = weight_hh_l0ᵀ,
 * b = bias_ih_l0 + [bias_hh_l0 of r and z, 0] and bhn = bias_hh_l0 of n (its last `units` entries).
 * @see K. Cho et al., "Learning phrase representations using RNN encoder-decoder for statistical machine translation", EMNLP 2014
 */
export function gru(inFeatures: number, units: number, options: RecurrentOptions = {}): RecurrentLayer<GruParams, GruState> {
  const op = 'gru';
  const o = resolveRecurrentOptions(op, inFeatures, units, options);
  const params: GruParams = {
    w: initWeight(op, o.init, [inFeatures, 3 * units], o, 'init'),
    u: initWeight(op, o.recurrentInit, [units, 3 * units], o, 'recurrentInit'),
    b: initWeight(op, o.biasInit, [3 * units], o, 'biasInit'),
    bhn: initWeight(op, o.biasInit, [units], o, 'biasInit'),
  };
  const cell: Cell<GruState> = {
    op,
    inFeatures,
    units,
    params,
    stateKeys: ['h'],
    project: (x) => add(matmul(x, params.w), params.b),
    step(xw, { h }) {
      const n = xw.shape[0];
      const hu = matmul(h, params.u);
      const rz = sigmoid(add(slice(xw, [0, 0], [n, 2 * units]), slice(hu, [0, 0], [n, 2 * units])));
      const r = slice(rz, [0, 0], [n, units]);
      const z = slice(rz, [0, units], [n, units]);
      const candidate = tanh(add(slice(xw, [0, 2 * units], [n, units]), mul(r, add(slice(hu, [0, 2 * units], [n, units]), params.bhn))));
      return { h: add(candidate, mul(z, sub(h, candidate))) }; // (1 − z)⊙n + z⊙h
    },
  };
  const run = (x: Tensor, opts?: RecurrentRunOptions<GruState>) => runRecurrence(cell, x, opts, o);
  return {
    kind: 'gru',
    config: recurrentConfig(inFeatures, units, o),
    params,
    forward: (x, ctx) => run(x, ctx === undefined ? undefined : { mask: ctx.mask, lengths: ctx.lengths }).output,
    forwardWithState: run,
    initialState: (n) => zeroState(cell, n, o.dtype),
    reversed: (rng) => gru(inFeatures, units, { ...options, reverse: !o.reverse, rng }),
  };
}
