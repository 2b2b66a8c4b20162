import type { Primitive, PrimitiveAttrs } from '../backend/primitives';
import type { Tensor } from '../tensor';
import { globalState } from '../global-state';

/**
 * An op's own vector–Jacobian product, for an op that is not a chain of primitives (a fused kernel):
 * dL/d(inputs) given g = dL/d(output); `needed[i]` says whether input i needs one (null: none).
 */
export type CustomVjp = (g: Tensor, needed: readonly boolean[]) => readonly (Tensor | null)[];

/** One recorded primitive application: `output = primitive(inputs; attrs)`, or an op with its own VJP (`vjp` set). */
export interface TapeNode<P extends Primitive = Primitive> {
  readonly primitive: P;
  readonly inputs: readonly Tensor[];
  readonly attrs: PrimitiveAttrs[P];
  readonly output: Tensor;
  readonly vjp?: CustomVjp;
}

/**
 * A Wengert list: the primitives applied, in order, to tensors that depend on the watched ones.
 * Reverse-mode differentiation walks it backwards (see `backward`).
 */
export class Tape {
  /** Ids of the tensors that depend on a watched tensor (the watched ones included). */
  readonly tracked = new Set<number>();
  readonly nodes: TapeNode[] = [];

  watch(t: Tensor): void {
    this.tracked.add(t.id);
  }
}

/** Records `output = primitive(inputs)` on every active tape that tracks one of the inputs. */
export function record<P extends Primitive>(
  primitive: P,
  inputs: readonly Tensor[],
  attrs: PrimitiveAttrs[P],
  output: Tensor,
): void {
  const state = globalState();
  if (state.noGradDepth > 0 || state.tapes.length === 0) return;
  for (const tape of state.tapes) {
    if (inputs.some((t) => tape.tracked.has(t.id))) {
      tape.nodes.push({ primitive, inputs, attrs, output } as TapeNode);
      tape.tracked.add(output.id);
    }
  }
}

/**
 * Records `output = op(inputs)` for an op computed outside the primitives (a fused kernel) whose
 * gradient `vjp` gives, on every active tape that tracks one of the inputs. The rule's ops are
 * recorded in turn when a gradient of gradients is taken. @internal
 */
export function recordCustom(inputs: readonly Tensor[], output: Tensor, vjp: CustomVjp): void {
  const state = globalState();
  if (state.noGradDepth > 0 || state.tapes.length === 0) return;
  for (const tape of state.tapes) {
    if (inputs.some((t) => tape.tracked.has(t.id))) {
      tape.nodes.push({ primitive: 'identity', inputs, attrs: {}, output, vjp } as TapeNode);
      tape.tracked.add(output.id);
    }
  }
}

/** Runs `fn` without recording anything for autodiff: its results are constants to any gradient. */
export function noGrad<T>(fn: () => T): T {
  const state = globalState();
  state.noGradDepth++;
  try {
    return fn();
  } finally {
    state.noGradDepth--;
  }
}

/**
 * Whether a gradient may flow back through `t`: some active `valueAndGrad` / `grad` tracks it (it is a
 * watched parameter or depends on one) and recording is not switched off by `noGrad`. Composites use it
 * to skip work that only the backward pass needs (PyTorch's `requires_grad` plays this part).
 */
export function isTraced(t: Tensor): boolean {
  const state = globalState();
  return state.noGradDepth === 0 && state.tapes.some((tape) => tape.tracked.has(t.id));
}
