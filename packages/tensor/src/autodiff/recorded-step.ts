import type { Shape } from '../shape';
import type { DType, TypedArray } from '../dtype';
import type { Tensor } from '../tensor';
import type { TraceNode, TraceSource, Tracer } from './trace';

/** A tree of tensors (nested arrays and plain objects), as a function to replay returns. */
export type TensorTree = Tensor | readonly TensorTree[] | { readonly [key: string]: TensorTree };

/** A finished trace: its ops, constants, and the returned tree with each leaf's source. */
export interface Trace {
  readonly nodes: readonly TraceNode[];
  readonly constants: Tracer['constants'];
  /** The result's structure, leaves as source keys ('n3', 'c0', 'p1', 'a0'). */
  readonly structure: string;
  readonly output: OutputTree;
}

/** A leaf of the traced result: where its elements come from. */
export class OutputLeaf {
  constructor(readonly source: TraceSource) {}
}

export type OutputTree = OutputLeaf | readonly OutputTree[] | { readonly [key: string]: OutputTree };

/** The compiled plan: runs the ops over slots [params…, args…, constants…, ops…]. */
export interface Plan {
  run(leaves: readonly Tensor[], args: readonly Tensor[]): TensorTree;
  /** The CPU plan's loop over arrays of its own (see StepLoop), starting from copies of these tensors' elements. */
  loop?(leaves: readonly Tensor[], args: readonly Tensor[]): StepLoop;
}

/**
 * A recorded step to run many times over, with no tensors made: its inputs are arrays of the loop's
 * own that the caller writes between runs (a step's new weights, the next batch), and its outputs are
 * the plan's arrays, read after each run. What `fit` runs a tiny network's steps with, back to back:
 * the tensors, scopes and checks of a call of the replayed function cost as much as its kernels there.
 */
export interface StepLoop {
  /** The params' leaves (tree order), then the arguments: arrays of the loop's own, to overwrite in place between runs. */
  readonly inputs: readonly TypedArray[];
  /** The result's leaves in walk order (treeLeaves order), after a run: read them, never write them; the next run overwrites them. */
  readonly outputs: readonly TypedArray[];
  /** The shapes of `inputs` and of `outputs` (their dtypes are their arrays' kinds). */
  readonly inputShapes: readonly Shape[];
  readonly outputShapes: readonly Shape[];
  /** Runs the recorded step over `inputs`, as a replay of the function on tensors holding them would. */
  run(): void;
}

/** Puts the result's leaves (in walk order) back into the traced result's structure. */
export function assembler(tree: OutputTree): (leaves: readonly TensorTree[]) => TensorTree {
  let next = 0;
  const make = (t: OutputTree): ((leaves: readonly TensorTree[]) => TensorTree) => {
    if (t instanceof OutputLeaf) {
      const at = next++;
      return (leaves) => leaves[at];
    }
    if (Array.isArray(t)) {
      const items = t.map(make);
      return (leaves) => items.map((item) => item(leaves));
    }
    const keys = Object.keys(t);
    const items = keys.map((k) => make((t as Record<string, OutputTree>)[k]));
    return (leaves) => {
      const out: Record<string, TensorTree> = {};
      for (let i = 0; i < keys.length; i++) out[keys[i]] = items[i](leaves);
      return out;
    };
  };
  return make(tree);
}


/** Where a plan keeps each value, and what it must compute: shared by the CPU plan and the kernel plan. */
export interface PlanLayout {
  /** Slots: params, then arguments, constants and the trace's ops. */
  readonly slotCount: number;
  slotOf(s: TraceSource): number;
  shapeOf(s: TraceSource): Shape;
  dtypeOf(s: TraceSource): DType;
  /** The result's leaves in walk order (the order `assembler` takes them in). */
  readonly outputs: readonly { readonly source: TraceSource; readonly shape: Shape; readonly dtype: DType }[];
  /** Per op, whether a result depends on it (host ops always count: they check their inputs). */
  readonly needed: readonly boolean[];
}

export function planLayout(trace: Trace, leaves: readonly Tensor[], args: readonly Tensor[]): PlanLayout {
  const base = { p: 0, a: leaves.length, c: leaves.length + args.length, n: leaves.length + args.length + trace.constants.length };
  const slotOf = (s: TraceSource): number => base[s.kind[0] as 'p' | 'a' | 'c' | 'n'] + s.index;
  const shapeOf = (s: TraceSource): Shape => {
    if (s.kind === 'param') return leaves[s.index].shape;
    if (s.kind === 'arg') return args[s.index].shape;
    if (s.kind === 'const') return trace.constants[s.index].shape;
    return trace.nodes[s.index].shape;
  };
  const dtypeOf = (s: TraceSource): DType =>
    s.kind === 'param' ? leaves[s.index].dtype : s.kind === 'arg' ? args[s.index].dtype : s.kind === 'const' ? trace.constants[s.index].dtype : trace.nodes[s.index].dtype;
  const outputs: { source: TraceSource; shape: Shape; dtype: DType }[] = [];
  const collect = (t: OutputTree): void => {
    if (t instanceof OutputLeaf) outputs.push({ source: t.source, shape: shapeOf(t.source), dtype: dtypeOf(t.source) });
    else for (const v of Object.values(t)) collect(v as OutputTree);
  };
  collect(trace.output);
  // NOTE: ops no result depends on are left out (the gradient of a constant divisor, say); host ops stay: they check their inputs.
  const needed = trace.nodes.map((n) => n.host !== undefined);
  for (const o of outputs) if (o.source.kind === 'node') needed[o.source.index] = true;
  for (let i = trace.nodes.length - 1; i >= 0; i--) {
    if (needed[i]) for (const s of trace.nodes[i].inputs) if (s.kind === 'node') needed[s.index] = true;
  }
  return { slotCount: base.n + trace.nodes.length, slotOf, shapeOf, dtypeOf, outputs, needed };
}

/** Primitives that read int32 indices without checking them: their op front-ends do, and a plan skips those. */
const INDEXED = new Set(['gather', 'scatterAdd', 'gatherMatmul', 'gatherMatmulGradA', 'gatherArgmax']);

/**
 * Whether every index a replay would pass to a kernel is as safe as the traced step's: indices from
 * constants (checked when traced, and equal bit for bit in both traces) or made by `gatherArgmax` (in
 * range by construction). Indices from the arguments or computed from them would reach the kernels
 * unchecked, so such a step is not replayed.
 */
export function indicesAreSafe(trace: Trace, layout: PlanLayout): boolean {
  const safe = (s: TraceSource) => s.kind === 'const' || (s.kind === 'node' && trace.nodes[s.index].primitive === 'gatherArgmax');
  return trace.nodes.every((node) => !INDEXED.has(node.primitive) || node.inputs.every((s) => layout.dtypeOf(s) !== 'int32' || safe(s)));
}
