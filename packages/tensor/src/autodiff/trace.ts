import type { Primitive } from '../backend/primitives';
import type { DType, TypedArray } from '../dtype';
import { globalState } from '../global-state';
import type { Shape } from '../shape';
import type { Tensor } from '../tensor';

/** Where a traced op's input comes from: a parameter leaf, an argument, an earlier op, or a constant. */
export type TraceSource =
  | { readonly kind: 'param'; readonly index: number }
  | { readonly kind: 'arg'; readonly index: number }
  | { readonly kind: 'node'; readonly index: number }
  | { readonly kind: 'const'; readonly index: number };

/** A host computation an op front-end does outside the kernels (oneHot), replayable from its inputs' elements. */
export type HostFn = (inputs: readonly TypedArray[]) => TypedArray;

/** One op of a trace: a backend primitive, or a host computation (`host` set, `primitive` its name). */
export interface TraceNode {
  readonly primitive: Primitive | string;
  readonly attrs: unknown;
  readonly inputs: readonly TraceSource[];
  readonly shape: Shape;
  readonly dtype: DType;
  readonly host?: HostFn;
}

/**
 * The ops one call of a function ran, in order, with every input traced back to a parameter, an
 * argument, an earlier op or a constant (a tensor made outside the ops: a scalar operand, a seed of
 * ones, a captured tensor), whose elements are copied when first seen.
 */
export class Tracer {
  readonly nodes: TraceNode[] = [];
  readonly constants: { readonly shape: Shape; readonly dtype: DType; readonly data: TypedArray }[] = [];
  readonly #sources = new Map<number, TraceSource>();

  constructor(params: readonly Tensor[], args: readonly Tensor[]) {
    params.forEach((t, index) => this.#sources.set(t.id, { kind: 'param', index }));
    // NOTE: an argument that is also a parameter counts as the parameter (set first, kept).
    args.forEach((t, index) => { if (!this.#sources.has(t.id)) this.#sources.set(t.id, { kind: 'arg', index }); });
  }

  /** Where `t`'s elements come from (a tensor seen for the first time is a constant). */
  sourceOf(t: Tensor): TraceSource | undefined {
    return this.#sources.get(t.id);
  }

  /** Where `t`'s elements come from, registering it as a constant (its elements copied now) if unseen. */
  sourceOrConstant(t: Tensor): TraceSource {
    let s = this.#sources.get(t.id);
    if (s === undefined) {
      s = { kind: 'const', index: this.constants.length };
      this.constants.push({ shape: t.shape, dtype: t.dtype, data: t.dataSync().slice() });
      this.#sources.set(t.id, s);
    }
    return s;
  }

  /** Records one op with output `output`. */
  add(primitive: Primitive | string, inputs: readonly Tensor[], attrs: unknown, output: Tensor, host?: HostFn): void {
    const sources = inputs.map((t) => this.sourceOrConstant(t));
    this.#sources.set(output.id, { kind: 'node', index: this.nodes.length });
    this.nodes.push({ primitive, attrs, inputs: sources, shape: output.shape, dtype: output.dtype, ...(host === undefined ? {} : { host }) });
  }
}

/** The innermost active tracer, if a replayable function is being traced now. */
export function activeTracer(): Tracer | undefined {
  return globalState().tracer;
}

/**
 * True while `replayable` records a step: code that would compute on the host, out of the ops' sight
 * (a fused update's loop over `dataSync()`), must run ops instead now, or the recording keeps its result
 * as a constant.
 */
export function isRecordingStep(): boolean {
  return globalState().tracer !== undefined;
}

/**
 * For op front-ends that compute on the host (oneHot): records `output = fn(inputs' elements)` on the
 * active tracer, so that a replayed step runs `fn` again on that step's inputs instead of reusing the
 * traced step's result. `key` names the op and every setting `fn` depends on.
 */
export function traceHostOp(key: string, inputs: readonly Tensor[], output: Tensor, fn: HostFn): void {
  const tracer = globalState().tracer;
  if (tracer !== undefined) tracer.add(key, inputs, undefined, output, fn);
}
