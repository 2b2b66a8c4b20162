import { type Tensor, ValueError, add, matmul, mul, sigmoid, slice, tanh, tensor } from '@nn/tensor';
import type { RecurrentLayer, RecurrentRunOptions } from './recurrent-layer';
import { type RecurrentOptions, initWeight, recurrentConfig, resolveRecurrentOptions } from './recurrent-options';
import { type Cell, runRecurrence, zeroState } from './run-recurrence';

export interface LstmOptions extends RecurrentOptions {
  /** Added to the forget gate's bias after `biasInit`, so the cell remembers from the start (Gers et al. 2000; Jozefowicz et al. 2015). Default 1. */
  readonly forgetBias?: number;
}

/**
 * The weights of an LSTM layer, the four gates side by side in PyTorch's order i, f, g, o:
 * W: [F, 4·units], U: [units, 4·units], b: [4·units].
 */
export type LstmParams = { w: Tensor; u: Tensor; b: Tensor };

/** The state of an LSTM layer: the output h and the cell c, each [N, units]. */
export type LstmState = { readonly h: Tensor; readonly c: Tensor };

/**
 * [i f g o] = xₜ·W + hₜ₋₁·U + b; cₜ = σ(f)⊙cₜ₋₁ + σ(i)⊙tanh(g); hₜ = σ(o)⊙tanh(cₜ) — long short-term
 * memory with the forget gate, over x: [N, T, F]. The gates are fused: one [N·T, F]×[F, 4·units]
 * product for the inputs of all steps, one [N, units]×[units, 4·units] product per step.
 *
 * Porting PyTorch's `nn.LSTM` (same gate order i, f, g, o): W = weight_ih_l0ᵀ, U = weight_hh_l0ᵀ and
 * b = bias_ih_l0 + bias_hh_l0 (PyTorch's two biases always appear summed).
 * @see S. Hochreiter, J. Schmidhuber, "Long short-term memory", Neural Computation 9(8), 1997
 * @see F. A. Gers, J. Schmidhuber, F. Cummins, "Learning to forget: continual prediction with LSTM", Neural Computation 12(10), 2000
 */
export function lstm(inFeatures: number, units: number, options: LstmOptions = {}): RecurrentLayer<LstmParams, LstmState> {
  const op = 'lstm';
  const o = resolveRecurrentOptions(op, inFeatures, units, options);
  const { forgetBias = 1 } = options;
  if (!Number.isFinite(forgetBias)) throw new ValueError(op, `forgetBias must be a finite number, got ${String(forgetBias)}`);
  const h4 = 4 * units;
  const shift = tensor(Array.from({ length: h4 }, (_, j) => (j >= units && j < 2 * units ? forgetBias : 0)), [h4], o.dtype);
  const params: LstmParams = {
    w: initWeight(op, o.init, [inFeatures, h4], o, 'init'),
    u: initWeight(op, o.recurrentInit, [units, h4], o, 'recurrentInit'),
    b: add(initWeight(op, o.biasInit, [h4], o, 'biasInit'), shift),
  };
  const cell: Cell<LstmState> = {
    op,
    inFeatures,
    units,
    params,
    stateKeys: ['h', 'c'],
    project: (x) => add(matmul(x, params.w), params.b),
    step(xw, { h, c }) {
      const n = xw.shape[0];
      const z = add(xw, matmul(h, params.u));
      const s = sigmoid(z);
      const gate = (t: Tensor, k: number) => slice(t, [0, k * units], [n, units]);
      const cNext = add(mul(gate(s, 1), c), mul(gate(s, 0), tanh(gate(z, 2))));
      return { h: mul(gate(s, 3), tanh(cNext)), c: cNext };
    },
  };
  const run = (x: Tensor, opts?: RecurrentRunOptions<LstmState>) => runRecurrence(cell, x, opts, o);
  return {
    kind: 'lstm',
    config: { ...recurrentConfig(inFeatures, units, o), forgetBias },
    params,
    forward: (x, ctx) => run(x, ctx === undefined ? undefined : { mask: ctx.mask, lengths: ctx.lengths }).output,
    forwardWithState: run,
    initialState: (n) => zeroState(cell, n, o.dtype),
    reversed: (rng) => lstm(inFeatures, units, { ...options, reverse: !o.reverse, rng }),
  };
}
