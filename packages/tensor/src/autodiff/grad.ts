import { assertFloat } from '../dtype';
import { NnError, ShapeError, formatShape } from '../errors';
import { globalState } from '../global-state';
import { add } from '../ops/binary';
import { onesLike, zerosLike } from '../ops/creation';
import { sumToShape } from '../ops/sum-to-shape';
import type { Params } from '../spec/params';
import { type Tensor, isTensor } from '../tensor';
import { mapTree, treeLeaves } from '../tree';
import { Tape } from './tape';
import { vjp } from './vjp-rules';

/** f's value and the gradient of that value with respect to every tensor of `params`. */
export interface ValueAndGrad<P extends Params> {
  readonly value: Tensor;
  readonly grads: P;
}

/**
 * Reverse-mode autodiff (Wengert list / tape): runs `f(params)`, which must return a scalar, and
 * returns its value and ∂f/∂params as a tree shaped like `params`. Tensors of `params` that f does not
 * use get zero gradients. f may read the params through a closure and ignore its argument.
 */
export function valueAndGrad<P extends Params>(f: (params: P) => Tensor, params: P): ValueAndGrad<P> {
  const leaves = treeLeaves(params);
  const tape = new Tape();
  leaves.forEach((t) => tape.watch(t));
  const state = globalState();
  state.tapes.push(tape);
  let value: Tensor;
  try {
    value = f(params);
  } finally {
    state.tapes.splice(state.tapes.lastIndexOf(tape), 1);
  }
  if (!isTensor(value)) throw new NnError('valueAndGrad', `f must return a Tensor, got ${typeof value}`);
  if (value.size !== 1) {
    throw new ShapeError('valueAndGrad', `f must return a scalar (one element), got shape ${formatShape(value.shape)}`);
  }
  assertFloat('valueAndGrad', value.dtype, 'value of f');
  const grads = backward(tape, value, onesLike(value));
  return { value, grads: mapTree((leaf) => grads.get(leaf.id) ?? zerosLike(leaf), params) };
}

/** ∂f/∂params only; see valueAndGrad. */
export function grad<P extends Params>(f: (params: P) => Tensor, params: P): P {
  return valueAndGrad(f, params).grads;
}

/**
 * Walks the tape backwards from `output` (seeded with `seed` = dL/d output), applying each primitive's
 * VJP rule and summing gradients that meet at a tensor. Returns dL/dt by tensor id for tracked tensors.
 */
function backward(tape: Tape, output: Tensor, seed: Tensor): Map<number, Tensor> {
  const grads = new Map<number, Tensor>([[output.id, seed]]);
  for (let i = tape.nodes.length - 1; i >= 0; i--) {
    const node = tape.nodes[i];
    const g = grads.get(node.output.id);
    if (g === undefined) continue;
    const needed = node.inputs.map((input) => tape.tracked.has(input.id));
    const rule = vjp[node.primitive] as (g: Tensor, inputs: readonly Tensor[], out: Tensor, attrs: unknown, needed: readonly boolean[]) => readonly (Tensor | null)[];
    const inputGrads = node.vjp !== undefined ? node.vjp(g, needed) : rule(g, node.inputs, node.output, node.attrs, needed);
    node.inputs.forEach((input, k) => {
      const ig = inputGrads[k];
      if (ig === null || ig === undefined || !tape.tracked.has(input.id)) return;
      const shaped = sumToShape(ig, input.shape);
      const prev = grads.get(input.id);
      grads.set(input.id, prev === undefined ? shaped : add(prev, shaped));
    });
  }
  return grads;
}
