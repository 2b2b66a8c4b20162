import type { Backend, KernelInput } from '../backend/backend';
import { cpuBackend } from '../backend/cpu/cpu-backend';
import { planRows } from '../backend/cpu/broadcast';
import { binaryLoops, unaryLoops } from '../backend/cpu/elementwise';
import { gemm } from '../backend/cpu/gemm';
import { sumInto } from '../backend/cpu/reduce';
import type { BinaryPrimitive, ComparePrimitive, Primitive, PrimitiveAttrs, UnaryPrimitive } from '../backend/primitives';
import { type TypedArray, allocate } from '../dtype';
import { globalState } from '../global-state';
import { type Shape, shapesEqual, sizeOf } from '../shape';
import type { Params } from '../spec/params';
import { Tensor, isTensor } from '../tensor';
import { treeLeaves } from '../tree';
import { compileKernelPlan } from './kernel-plan';
import { type Step, planFusions } from './plan-fusion';
import { type OutputTree, type Plan, type PlanLayout, type StepLoop, type TensorTree, type Trace, OutputLeaf, assembler, indicesAreSafe, planLayout } from './recorded-step';
import { type TraceNode, type TraceSource, Tracer } from './trace';

export interface ReplayableOptions {
  /**
   * The largest tensor, in elements, that a step replayed on the CPU kernels may hold (default 4096).
   * A step with larger tensors replays on the active backend's own kernels instead (see `large`): above
   * it, the backend's kernels (a WebAssembly GEMM, say) beat the CPU loops.
   */
  readonly maxElements?: number;
  /**
   * How a step with a tensor above `maxElements` replays: 'kernels' (default), the active backend's
   * kernels called one after another over their own storage, each result freed after its last use,
   * with no tensors, tape or checks in between; 'eager', not at all (f runs every time).
   */
  readonly large?: 'kernels' | 'eager';
}

/**
 * Records a step once and replays it, as jax's `jit` does: `f(params, ...args)` — forward, loss and
 * `valueAndGrad`'s backward pass, say — runs eagerly twice for each new set of shapes while every op
 * it runs is traced; when the two traces agree (the same ops on the same shapes, the same constants:
 * no randomness, no data-dependent branch), later calls run the recorded plan instead, with no
 * tensors, tape, dispatch or checks in between. A step whose tensors all hold `maxElements` or fewer
 * runs the CPU kernels one after another over buffers allocated once, whatever the backend (with host
 * storage): what tiny tensors want (ops of constants alone run once, and a few elementwise chains as
 * one loop each: see `planFusions`). A larger step runs the active backend's own kernels in the traced
 * order (`large`), each result freed after its last use. Results equal the eager ones bit for bit
 * wherever the plan runs the kernels the eager step runs (the kernel plan on any backend, the CPU plan
 * on the CPU backend). Returns fresh tensors, never the plan's buffers.
 *
 * Eager, always, when: the traces differ (dropout, noise, anything drawn at random or read from the
 * data to choose ops), a tensor exceeds `maxElements` and `large` is 'eager', indices reach a gather
 * from the arguments (a replay would not check them), the backend keeps storage off the host, a
 * gradient tape or another trace is active, more than 4 shape sets have been seen, or f returns
 * anything but tensors in nested arrays and plain objects. f must not have
 * side effects a replay would skip (it is not called then), other than in tensors it returns.
 */
export function replayable<P extends Params, A extends readonly Tensor[], R>(
  f: (params: P, ...args: A) => R,
  { maxElements = 4096, large = 'kernels' }: ReplayableOptions = {},
): Replayable<P, A, R> {
  const entries = new Map<string, Entry>();
  let last: { backend: string; key: string; tensors: { shape: Shape; dtype: Tensor['dtype'] }[] } | undefined;
  /** The active backend when a call would replay now (no trace or tape active, not under noGrad, host storage). */
  const replayingBackend = (): Backend | undefined => {
    const state = globalState();
    const backend = state.backend ?? cpuBackend;
    return state.tracer !== undefined || state.tapes.length > 0 || state.noGradDepth > 0 || backend.hostStorage !== true ? undefined : backend;
  };
  /** The entries' key of these shapes on `backend`. NOTE: the string is built only when the shapes differ from the last call's. */
  const keyFor = (backend: Backend, leaves: readonly Tensor[], args: readonly Tensor[]): string => {
    if (last === undefined || last.backend !== backend.name || !sameShapes(last.tensors, leaves, args)) {
      last = { backend: backend.name, key: keyOf(backend.name, leaves, args), tensors: [...leaves, ...args].map((t) => ({ shape: t.shape, dtype: t.dtype })) };
    }
    return last.key;
  };
  const replayed = (params: P, ...args: A): R => {
    const backend = replayingBackend();
    if (backend === undefined) return f(params, ...args);
    const leaves = treeLeaves(params);
    const key = keyFor(backend, leaves, args);
    let entry = entries.get(key);
    if (entry === undefined) {
      if (entries.size >= MAX_KEYS) return f(params, ...args);
      entry = { stage: 'new' };
      entries.set(key, entry);
    }
    if (entry.stage === 'ready') return entry.plan.run(leaves, args) as R;
    if (entry.stage === 'eager') return f(params, ...args);
    const tracer = new Tracer(leaves, args);
    const state = globalState();
    state.tracer = tracer;
    let result: R;
    try {
      result = f(params, ...args);
    } finally {
      state.tracer = undefined;
    }
    const trace = finish(tracer, result);
    if (trace === undefined) {
      entries.set(key, { stage: 'eager' });
    } else if (entry.stage === 'new') {
      entries.set(key, { stage: 'traced', trace });
    } else if (entry.stage === 'recheck') {
      entries.set(key, sameTrace(entry.trace, trace) ? { stage: 'ready', trace: entry.trace, plan: entry.plan } : { stage: 'eager' });
    } else {
      const layout = planLayout(trace, leaves, args);
      const small = trace.nodes.every((n) => sizeOf(n.shape) <= maxElements);
      const replays = sameTrace(entry.trace, trace) && indicesAreSafe(trace, layout) && (small || large === 'kernels');
      const plan = !replays ? undefined : small ? compile(trace, leaves, args, layout) : compileKernelPlan(trace, layout);
      entries.set(key, plan === undefined ? { stage: 'eager' } : { stage: 'ready', trace, plan });
    }
    return result;
  };
  return Object.assign(replayed, {
    loop(params: P, ...args: A): StepLoop | undefined {
      const backend = replayingBackend();
      if (backend === undefined) return undefined;
      const leaves = treeLeaves(params);
      const entry = entries.get(keyFor(backend, leaves, args));
      return entry?.stage === 'ready' ? entry.plan.loop?.(leaves, args) : undefined;
    },
    recheck() {
      for (const [key, entry] of entries) {
        if (entry.stage === 'ready') entries.set(key, { stage: 'recheck', trace: entry.trace, plan: entry.plan });
        else if (entry.stage === 'eager') entries.delete(key);
      }
    },
  });
}

/** A replayable function, and a way to have its plans checked again. */
export type Replayable<P extends Params, A extends readonly Tensor[], R> = ((params: P, ...args: A) => R) & {
  /**
   * The recorded step of these shapes as a loop over arrays (`StepLoop`), its params' inputs copies of
   * their elements and its arguments' zeros (only the arguments' shapes and dtypes are read: they may
   * be disposed tensors); undefined unless its plan is ready (recorded, or rechecked, and not eager) and
   * runs on the CPU kernels, and the call would replay now (no tape or trace active, host storage).
   */
  loop(params: P, ...args: A): StepLoop | undefined;
  /**
   * Traces the next call of each recorded shape set once more and keeps its plan only if the trace is
   * the same as before (f may behave differently now: a closure it reads changed); shape sets that ran
   * eagerly get two fresh traces.
   */
  recheck(): void;
};

const MAX_KEYS = 4;

type Entry =
  | { readonly stage: 'new' }
  | { readonly stage: 'traced'; readonly trace: Trace }
  | { readonly stage: 'ready'; readonly trace: Trace; readonly plan: Plan }
  | { readonly stage: 'recheck'; readonly trace: Trace; readonly plan: Plan }
  | { readonly stage: 'eager' };

function keyOf(backend: string, leaves: readonly Tensor[], args: readonly Tensor[]): string {
  let key = backend;
  for (const t of leaves) key += `|p${t.dtype}${t.shape.join(',')}`;
  for (const t of args) key += `|a${t.dtype}${t.shape.join(',')}`;
  return key;
}

function sameShapes(known: readonly { shape: Shape; dtype: Tensor['dtype'] }[], leaves: readonly Tensor[], args: readonly Tensor[]): boolean {
  if (known.length !== leaves.length + args.length) return false;
  for (let i = 0; i < known.length; i++) {
    const t = i < leaves.length ? leaves[i] : args[i - leaves.length];
    if (t.dtype !== known[i].dtype || !shapesEqual(t.shape, known[i].shape)) return false;
  }
  return true;
}

const sourceKey = (s: TraceSource): string => `${s.kind[0]}${s.index}`;

/** The trace with the result's leaves located, or undefined when the result is not a tree of tensors. */
function finish(tracer: Tracer, result: unknown): Trace | undefined {
  const walk = (x: unknown): OutputTree | undefined => {
    if (isTensor(x)) {
      // NOTE: a leaf made outside the ops (zeros for an unused parameter's gradient) is a constant.
      return new OutputLeaf(tracer.sourceOrConstant(x));
    }
    if (Array.isArray(x)) {
      const out: OutputTree[] = [];
      for (const item of x) {
        const w = walk(item);
        if (w === undefined) return undefined;
        out.push(w);
      }
      return out;
    }
    if (typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype) {
      const out: Record<string, OutputTree> = {};
      for (const [k, v] of Object.entries(x)) {
        const w = walk(v);
        if (w === undefined) return undefined;
        out[k] = w;
      }
      return out;
    }
    return undefined;
  };
  const output = walk(result);
  if (output === undefined) return undefined;
  const structure = JSON.stringify(output, (_, v) => (v instanceof OutputLeaf ? sourceKey(v.source) : v));
  return { nodes: tracer.nodes, constants: tracer.constants, structure, output };
}

/** Same ops, shapes, wiring, constants (bit for bit) and result structure. */
function sameTrace(a: Trace, b: Trace): boolean {
  if (a.nodes.length !== b.nodes.length || a.constants.length !== b.constants.length || a.structure !== b.structure) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const [x, y] = [a.nodes[i], b.nodes[i]];
    if (x.primitive !== y.primitive || x.dtype !== y.dtype || !shapesEqual(x.shape, y.shape) || x.inputs.length !== y.inputs.length) return false;
    if ((x.host === undefined) !== (y.host === undefined) || !sameValue(x.attrs, y.attrs)) return false;
    for (let k = 0; k < x.inputs.length; k++) if (x.inputs[k].kind !== y.inputs[k].kind || x.inputs[k].index !== y.inputs[k].index) return false;
  }
  for (let i = 0; i < a.constants.length; i++) {
    const [x, y] = [a.constants[i], b.constants[i]];
    if (x.dtype !== y.dtype || !shapesEqual(x.shape, y.shape) || x.data.length !== y.data.length) return false;
    for (let k = 0; k < x.data.length; k++) if (!Object.is(x.data[k], y.data[k])) return false;
  }
  return true;
}

/**
 * Whether two ops' attributes (numbers, strings, booleans, and arrays and plain objects of them) are
 * the same: numbers by Object.is (−0 is not 0), objects key by key in order. Stricter than comparing
 * their JSON, and without building strings: a step's check (`recheck`) compares every op's.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !sameValue((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]])) return false;
  }
  return true;
}

/**
 * The CPU plan of a small step: the CPU kernels, one after another, over buffers allocated once; ops
 * of constants alone run once, now, and a few elementwise chains run as one loop (plan-fusion.ts).
 */
function compile(trace: Trace, leaves: readonly Tensor[], args: readonly Tensor[], layout: PlanLayout): Plan {
  const { slotOf, shapeOf, dtypeOf, outputs, needed } = layout;
  const base = { p: 0, a: leaves.length };
  const slots: TypedArray[] = new Array(layout.slotCount);
  trace.constants.forEach((c, i) => (slots[slotOf({ kind: 'const', index: i })] = c.data));
  const steps: Step[] = [];
  const { constant, absorbed, fused } = planFusions(trace, layout);
  trace.nodes.forEach((node, i) => {
    if (!needed[i] || absorbed[i]) return;
    const step = fused.get(i)?.(slots) ?? stepOf(node, slotOf({ kind: 'node', index: i }), node.inputs.map(slotOf), node.inputs.map(shapeOf), node.inputs.map(dtypeOf), slots);
    // NOTE: an op of constants alone runs once, now: its slot keeps the values for every replay
    if (constant[i]) step(slots);
    else steps.push(step);
  });
  // NOTE: the returned tensors share one fresh buffer per call: one allocation instead of one per output.
  const sizes = outputs.map((o) => (o.source.kind === 'param' || o.source.kind === 'arg' ? -1 : sizeOf(o.shape) * bytesOf(o.dtype)));
  const offsets: number[] = [];
  let bytes = 0;
  for (const size of sizes) {
    offsets.push(bytes);
    if (size > 0) bytes += Math.ceil(size / 8) * 8;
  }
  const assemble = assembler(trace.output);
  return {
    run(params, given) {
      const backend = globalState().backend ?? cpuBackend;
      for (let i = 0; i < params.length; i++) slots[base.p + i] = hostElements(params[i]);
      for (let i = 0; i < given.length; i++) slots[base.a + i] = hostElements(given[i]);
      for (let i = 0; i < steps.length; i++) steps[i](slots);
      const block = allocate('float64', bytes / 8); // a slab's view when small (see allocate)
      const { buffer } = block;
      const leaves: TensorTree[] = new Array(outputs.length);
      for (let at = 0; at < outputs.length; at++) {
        const { source, shape, dtype } = outputs[at];
        if (source.kind === 'param') leaves[at] = params[source.index];
        else if (source.kind === 'arg') leaves[at] = given[source.index];
        else {
          const from = slots[slotOf(source)];
          const copy = new (from.constructor as Float32ArrayConstructor)(buffer, block.byteOffset + offsets[at], from.length) as TypedArray;
          copy.set(from);
          const storage = backend.upload(copy, dtype);
          // NOTE: an array made here is never recycled by a backend, so it needs no count of its holders.
          leaves[at] = new Tensor(shape, dtype, storage, backend, storage !== copy);
        }
      }
      return assemble(leaves);
    },
    loop(params, given) {
      // NOTE: slots [0, inputs.length) are the params' and the arguments' (base.p is 0, base.a follows the params)
      const inputs = [...params.map((t) => hostElements(t).slice()), ...given.map((t) => allocate(t.dtype, t.size))];
      const outputSlots = outputs.map((o) => slotOf(o.source));
      const outputArrays: TypedArray[] = new Array(outputs.length);
      return {
        inputs,
        outputs: outputArrays,
        inputShapes: [...params, ...given].map((t) => t.shape),
        outputShapes: outputs.map((o) => o.shape),
        run() {
          // NOTE: every run, since the plan's run (the same slots) may have come in between
          for (let i = 0; i < inputs.length; i++) slots[i] = inputs[i];
          for (let i = 0; i < steps.length; i++) steps[i](slots);
          for (let at = 0; at < outputSlots.length; at++) outputArrays[at] = slots[outputSlots[at]];
        },
      };
    },
  };
}

/** The tensor's host array itself when its storage is one (no copy, as dataSync may make), else a copy. */
function hostElements(t: Tensor): TypedArray {
  const storage = t.storage;
  return ArrayBuffer.isView(storage) ? (storage as TypedArray) : t.dataSync();
}

const bytesOf = (dtype: Tensor['dtype']): number => (dtype === 'float64' ? 8 : 4);

const UNARY = new Set<string>(Object.keys(unaryLoops));
const BINARY = new Set<string>(Object.keys(binaryLoops));

/** One op of the plan: its CPU kernel into a buffer allocated now, or (other primitives) the kernel itself. */
function stepOf(node: TraceNode, out: number, ins: readonly number[], inShapes: readonly Shape[], inDTypes: readonly Tensor['dtype'][], slots: TypedArray[]): Step {
  const { primitive, shape, dtype } = node;
  const size = sizeOf(shape);
  if (node.host !== undefined) {
    const host = node.host;
    return (s) => void (s[out] = host(ins.map((k) => s[k])));
  }
  if (primitive === 'reshape' || primitive === 'identity') {
    const x = ins[0];
    return (s) => void (s[out] = s[x]);
  }
  if (UNARY.has(primitive)) {
    const loop = unaryLoops[primitive as UnaryPrimitive];
    const y = (slots[out] = allocate(dtype, size));
    const x = ins[0];
    return (s) => loop(s[x], y);
  }
  if (BINARY.has(primitive)) {
    const loop = binaryLoops[primitive as BinaryPrimitive | ComparePrimitive];
    const y = (slots[out] = allocate(dtype, size));
    const [a, b] = ins;
    const [aShape, bShape] = inShapes;
    // NOTE: the same cases, in the same order, as the CPU kernel (binaryInto), with the row plan made once.
    if (shapesEqual(aShape, bShape)) return (s) => loop(s[a], 0, 1, s[b], 0, 1, y, 0, size);
    if (sizeOf(bShape) === 1 && shapesEqual(aShape, shape)) return (s) => loop(s[a], 0, 1, s[b], 0, 0, y, 0, size);
    if (sizeOf(aShape) === 1 && shapesEqual(bShape, shape)) return (s) => loop(s[a], 0, 0, s[b], 0, 1, y, 0, size);
    const plan = planRows(shape, [aShape, bShape]);
    const [as, bs] = plan.starts;
    const [sa, sb] = plan.steps;
    const { rows, rowLength } = plan;
    return (s) => {
      const ad = s[a], bd = s[b];
      for (let r = 0; r < rows; r++) loop(ad, as[r], sa, bd, bs[r], sb, y, r * rowLength, rowLength);
    };
  }
  if (primitive === 'where') {
    const y = (slots[out] = allocate(dtype, size));
    const plan = planRows(shape, inShapes);
    const [cs, as, bs] = plan.starts;
    const [sc, sa, sb] = plan.steps;
    const { rows, rowLength: n } = plan;
    const [c, a, b] = ins;
    return (s) => {
      const cd = s[c], ad = s[a], bd = s[b];
      for (let r = 0; r < rows; r++) {
        const o = r * n, ic = cs[r], ia = as[r], ib = bs[r];
        for (let j = 0; j < n; j++) y[o + j] = cd[ic + j * sc] !== 0 ? ad[ia + j * sa] : bd[ib + j * sb];
      }
    };
  }
  if (primitive === 'broadcastTo') {
    const y = (slots[out] = allocate(dtype, size));
    const plan = planRows(shape, [inShapes[0]]);
    const [starts] = plan.starts;
    const [step] = plan.steps;
    const { rows, rowLength } = plan;
    const x = ins[0];
    return (s) => {
      const xd = s[x];
      for (let r = 0; r < rows; r++) {
        const o = r * rowLength, i0 = starts[r];
        for (let j = 0; j < rowLength; j++) y[o + j] = xd[i0 + j * step];
      }
    };
  }
  if (primitive === 'sum') {
    const y = (slots[out] = allocate(dtype, size));
    const { axes } = node.attrs as PrimitiveAttrs['sum'];
    const x = ins[0];
    const xShape = inShapes[0];
    return (s) => sumInto(s[x], xShape, axes, y);
  }
  if (primitive === 'matmul' && shape.length === 2 && inShapes[0].length === 2 && inShapes[1].length === 2) {
    const y = (slots[out] = allocate(dtype, size));
    const { transposeA, transposeB } = node.attrs as PrimitiveAttrs['matmul'];
    const [a, b] = ins;
    const [m, n] = shape;
    const k = transposeA ? inShapes[0][0] : inShapes[0][1];
    if (m === 0 || n === 0) return () => undefined;
    return (s) => gemm(transposeA, transposeB, m, n, k, s[a] as Float32Array | Float64Array, 0, s[b] as Float32Array | Float64Array, 0, y as Float32Array | Float64Array, 0);
  }
  // any other primitive: its CPU kernel, which allocates its result
  const kernel = cpuBackend.kernels[primitive as Primitive] as (inputs: readonly KernelInput[], attrs: unknown, out: { shape: Shape; dtype: Tensor['dtype'] }) => unknown;
  const outInfo = { shape, dtype };
  const attrs = node.attrs;
  return (s) => {
    const inputs: KernelInput[] = ins.map((k, i) => ({ data: s[k], shape: inShapes[i], dtype: inDTypes[i] }));
    s[out] = kernel(inputs, attrs, outInfo) as TypedArray;
  };
}
