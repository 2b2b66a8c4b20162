import { DTypeError, ShapeError, type Tensor, ValueError, formatShape, isTensor, isTraced, mul, permute, reshape, slice, stack, stopGradient, tensor, unstack, where, zeros } from '@nn/tensor';
import { assertFloatTensor } from '../assert-float-tensor';
import type { RecurrentRun, RecurrentRunOptions, RecurrentState } from './recurrent-layer';
import type { ResolvedRecurrentOptions } from './recurrent-options';
import { lengthMaskValues } from './sequence-mask';

/** One recurrent cell: how a step turns the projected input and the state into the next state. */
export interface Cell<S extends RecurrentState> {
  /** The layer's name, for errors. */
  readonly op: string;
  readonly inFeatures: number;
  readonly units: number;
  /** The names of the state's tensors, each [N, units]; `h` is the output. */
  readonly stateKeys: readonly (keyof S & string)[];
  /** The layer's weights, read at each call (an optimizer replaces them). */
  readonly params: { readonly [name: string]: Tensor };
  /** x·W + b for every step at once: [M, F] → [M, gates·units]. */
  project(x: Tensor): Tensor;
  /** The next state from one step's projected input [N, gates·units] and the state. */
  step(xw: Tensor, state: S): S;
}

/**
 * Unrolls `cell` over x: [N, T, F]; each step is an [N, F]×[F, gates·units] product for its input, an
 * [N, units]×[units, gates·units] product for the state (the gates fused in both) and elementwise work.
 * Autodiff through the unrolled steps is backpropagation through time (Werbos 1990).
 *
 * Where nothing is differentiated (inference), the inputs of all steps are projected by one
 * [N·T, F]×[F, gates·units] product and cut into steps. In training they are projected step by step
 * from x's own steps instead: cutting the traced [N·T, gates·units] product into steps would cost
 * about 2·log₂ T padded copies of it in the backward pass (a slice's gradient is padded to its input's
 * size), while the steps of an untraced x cost nothing there, and W's gradient is summed from T small
 * [F, gates·units] products.
 * @see P. J. Werbos, "Backpropagation through time: what it does and how to do it", Proceedings of the IEEE 78(10), 1990
 */
export function runRecurrence<S extends RecurrentState>(
  cell: Cell<S>,
  x: Tensor,
  options: RecurrentRunOptions<S> | undefined,
  { returnSequences, reverse, bpttSteps, dtype }: ResolvedRecurrentOptions,
): RecurrentRun<S> {
  const { op, inFeatures: f, units } = cell;
  assertFloatTensor(op, x);
  if (x.rank !== 3 || x.shape[2] !== f || x.shape[1] < 1) {
    throw new ShapeError(op, `expected input of shape [N,T,${f}] (batch, steps ≥ 1, features), got ${formatShape(x.shape)}`);
  }
  if (x.dtype !== dtype) {
    throw new DTypeError(op, `expected a ${dtype} input (the dtype of its weights), got ${x.dtype}; cast it with cast(x, '${dtype}')`);
  }
  const [n, steps] = x.shape;
  const mask = resolveMask(op, options, n, steps, dtype);
  let state = resolveState(cell, options?.initialState, n, dtype);

  const inputs = projectSteps(cell, x);
  const outputs: Tensor[] = new Array<Tensor>(steps);
  for (let k = 0; k < steps; k++) {
    const t = reverse ? steps - 1 - k : k;
    if (bpttSteps !== null && k > 0 && k % bpttSteps === 0) state = mapState(state, stopGradient);
    const next = cell.step(inputs(t), state);
    if (mask === undefined) {
      state = next;
      outputs[t] = next.h;
    } else {
      // a padded step keeps the state and outputs zeros
      const m = slice(mask, [0, t], [n, 1]);
      state = Object.fromEntries(cell.stateKeys.map((key) => [key, where(m, next[key], state[key])])) as unknown as S;
      outputs[t] = mul(next.h, m);
    }
  }
  return { output: returnSequences ? stack(outputs, 1) : state.h, state };
}

/**
 * Step t's projected input x_t·W + b, [N, gates·units], for t = 0…T−1: one product for the whole
 * sequence when nothing is traced, one per step otherwise (see runRecurrence).
 */
function projectSteps<S extends RecurrentState>(cell: Cell<S>, x: Tensor): (t: number) => Tensor {
  const [n, steps, f] = x.shape;
  if (isTraced(x) || Object.values(cell.params).some(isTraced)) {
    const xs = unstack(permute(x, [1, 0, 2]), 0);
    return (t) => cell.project(xs[t]);
  }
  const xw = cell.project(reshape(x, [n * steps, f]));
  const all = unstack(permute(reshape(xw, [n, steps, xw.shape[1]]), [1, 0, 2]), 0);
  return (t) => all[t];
}

/** The zero state of `cell` for a batch of n. */
export function zeroState<S extends RecurrentState>(cell: Cell<S>, n: number, dtype: 'float32' | 'float64'): S {
  if (!(Number.isInteger(n) && n >= 1)) throw new ValueError(cell.op, `initialState: the batch size must be a positive integer, got ${String(n)}`);
  return Object.fromEntries(cell.stateKeys.map((key) => [key, zeros([n, cell.units], dtype)])) as unknown as S;
}

function mapState<S extends RecurrentState>(state: S, f: (t: Tensor) => Tensor): S {
  return Object.fromEntries(Object.entries(state).map(([k, v]) => [k, f(v)])) as unknown as S;
}

function resolveState<S extends RecurrentState>(cell: Cell<S>, initial: S | undefined, n: number, dtype: 'float32' | 'float64'): S {
  if (initial === undefined) return zeroState(cell, n, dtype);
  const { op, units, stateKeys } = cell;
  if (typeof initial !== 'object' || initial === null || isTensor(initial)) {
    throw new ValueError(op, `expected initialState to be { ${stateKeys.join(', ')} }, got ${isTensor(initial) ? 'a Tensor' : String(initial)}`);
  }
  const extra = Object.keys(initial).filter((k) => !(stateKeys as readonly string[]).includes(k));
  if (extra.length > 0) throw new ValueError(op, `initialState has '${extra[0]}'; expected { ${stateKeys.join(', ')} }`);
  for (const key of stateKeys) {
    const s = initial[key];
    if (!isTensor(s)) throw new ValueError(op, `expected initialState.${key} to be a Tensor [N,${units}], got ${s === undefined ? 'nothing' : typeof s}`);
    if (s.rank !== 2 || s.shape[0] !== n || s.shape[1] !== units) {
      throw new ShapeError(op, `expected initialState.${key} of shape [N,units] = [${n},${units}], got ${formatShape(s.shape)}`);
    }
    if (s.dtype !== dtype) throw new DTypeError(op, `expected initialState.${key} to be ${dtype}, got ${s.dtype}`);
  }
  return initial;
}

/** The [N, T] 0/1 mask of the context, or undefined when no step is padded. */
function resolveMask(op: string, ctx: RecurrentRunOptions<RecurrentState> | undefined, n: number, steps: number, dtype: 'float32' | 'float64'): Tensor | undefined {
  const { mask, lengths } = ctx ?? {};
  if (mask !== undefined && lengths !== undefined) throw new ValueError(op, 'give a mask or lengths, not both');
  let values: number[];
  if (lengths !== undefined) {
    values = lengthMaskValues(op, lengths, steps, n);
  } else if (mask !== undefined) {
    if (!isTensor(mask)) throw new ValueError(op, `expected the mask to be a Tensor [N,T], got ${mask === null ? 'null' : typeof mask}`);
    if (mask.rank !== 2 || mask.shape[0] !== n || mask.shape[1] !== steps) {
      throw new ShapeError(op, `expected a mask of shape [N,T] = [${n},${steps}], got ${formatShape(mask.shape)}`);
    }
    values = Array.from(mask.dataSync(), Number);
    const bad = values.findIndex((v) => v !== 0 && v !== 1);
    if (bad >= 0) throw new ValueError(op, `the mask must hold 0 (padding) and 1 (a step), got ${values[bad]} at [${Math.floor(bad / steps)},${bad % steps}]`);
  } else {
    return undefined;
  }
  return values.every((v) => v === 1) ? undefined : tensor(values, [n, steps], dtype);
}
