import { tanhForFloat32 } from '../backend/cpu/tanh-float32';
import { type TypedArray, allocate } from '../dtype';
import { shapesEqual, sizeOf } from '../shape';
import type { PlanLayout, Trace } from './recorded-step';
import type { TraceSource } from './trace';

/** One op of a small step's CPU plan: reads and writes the plan's slots. */
export type Step = (slots: TypedArray[]) => void;

/**
 * Where a small step's CPU plan (replayable's `compile`) can do less work than one loop per op, each
 * giving the same bits as the ops one at a time:
 * - ops of constants alone (the mean's 1/N, broadcast for its gradient) give the same values at every
 *   replay, so they run once, when the plan is made (`constant`);
 * - short elementwise chains whose intermediates nothing else reads run as one loop (`fused`, and the
 *   ops they take in are `absorbed`): an SGD-style update p + g·c (c a scalar constant), tanh's
 *   gradient x·(c − y·y), and tanh or relu of a layer's sum x + b (b x's shape or its last axes). Each
 *   intermediate is rounded as storing it would round it (Math.fround in float32; relu's sum needs
 *   none, rounding commuting with max(·, 0)), so the fused loop computes exactly what the ops do.
 * A tiny step (W6: 67 ops, 49 after this) spends much of its time going from op to op.
 * @see R. Frostig, M. J. Johnson, C. Leary, "Compiling machine learning programs via high-level tracing", SysML 2018 (jax's jit; XLA fuses such chains)
 */
export interface Fusions {
  /** Nodes computed from constants alone. */
  readonly constant: readonly boolean[];
  /** Nodes whose op runs inside a later node's fused loop: they get no step of their own. */
  readonly absorbed: readonly boolean[];
  /** The fused step of each node that absorbs others, made over the plan's slots (its result allocated then). */
  readonly fused: ReadonlyMap<number, (slots: TypedArray[]) => Step>;
}

export function planFusions(trace: Trace, layout: PlanLayout): Fusions {
  const { nodes } = trace;
  const { needed, slotOf, shapeOf, dtypeOf, outputs } = layout;
  const constant = nodes.map(() => false);
  nodes.forEach((node, i) => {
    constant[i] = needed[i] && node.host === undefined && node.inputs.every((s) => s.kind === 'const' || (s.kind === 'node' && constant[s.index]));
  });
  // how many ops read each node, and whether the step returns it
  const readers = nodes.map(() => 0);
  nodes.forEach((node, i) => {
    if (needed[i]) for (const s of node.inputs) if (s.kind === 'node') readers[s.index]++;
  });
  const returned = nodes.map(() => false);
  for (const o of outputs) if (o.source.kind === 'node') returned[o.source.index] = true;

  const absorbed = nodes.map(() => false);
  const fused = new Map<number, (slots: TypedArray[]) => Step>();
  /** A node only `reader` reads, not returned, not constant, an elementwise `primitive` over the reader's shape. */
  const intermediate = (s: TraceSource, primitive: string, shape: readonly number[]): number | undefined => {
    if (s.kind !== 'node') return undefined;
    const node = nodes[s.index];
    const ok = node.primitive === primitive && node.host === undefined && readers[s.index] === 1 && !returned[s.index] && !constant[s.index]
      && !absorbed[s.index] && !fused.has(s.index) && shapesEqual(node.shape, shape);
    return ok ? s.index : undefined;
  };
  const scalarConstant = (s: TraceSource, dtype: string) => s.kind === 'const' && sizeOf(shapeOf(s)) === 1 && dtypeOf(s) === dtype;

  /**
   * act(x + b) for tanh or relu of a sum whose b is x's shape or its last axes (a layer's bias), as one
   * loop over x's rows; marks the sum absorbed. Undefined when node j is not such an activation.
   */
  const activationOfSum = (j: number): ((slots: TypedArray[]) => Step) | undefined => {
    const { primitive, dtype, shape } = nodes[j];
    if ((primitive !== 'tanh' && primitive !== 'relu') || (dtype !== 'float32' && dtype !== 'float64')) return undefined;
    const i = intermediate(nodes[j].inputs[0], 'add', shape);
    if (i === undefined) return undefined;
    // NOTE: x + b and b + x are the same sum, bit for bit
    const [x, bias] = shapesEqual(shapeOf(nodes[i].inputs[0]), shape) ? nodes[i].inputs : [nodes[i].inputs[1], nodes[i].inputs[0]];
    const biasShape = shapeOf(bias);
    const rowLength = sizeOf(biasShape);
    const rowsOfBias = biasShape.length <= shape.length && shapesEqual(biasShape, shape.slice(shape.length - biasShape.length)) && rowLength > 0;
    if (!shapesEqual(shapeOf(x), shape) || dtypeOf(x) !== dtype || dtypeOf(bias) !== dtype || !rowsOfBias) return undefined;
    absorbed[i] = true;
    const size = sizeOf(shape);
    const [out, xk, bk] = [slotOf({ kind: 'node', index: j }), slotOf(x), slotOf(bias)];
    return (slots) => {
      const r = (slots[out] = allocate(dtype, size));
      // NOTE: one loop per activation and dtype, each monomorphic. tanh reads the sum rounded as storing it
      // would round it (and in float32 is tanhForFloat32, as the CPU kernel's); relu needs no rounding in between: max(round(v), 0) = round(max(v, 0)), round monotone.
      if (primitive === 'tanh') {
        return dtype === 'float32'
          ? (s) => { const xd = s[xk], bd = s[bk]; for (let e = 0, k = 0; e < size; e++, k = k + 1 === rowLength ? 0 : k + 1) r[e] = tanhForFloat32(Math.fround(xd[e] + bd[k])); }
          : (s) => { const xd = s[xk], bd = s[bk]; for (let e = 0, k = 0; e < size; e++, k = k + 1 === rowLength ? 0 : k + 1) r[e] = Math.tanh(xd[e] + bd[k]); };
      }
      return (s) => { const xd = s[xk], bd = s[bk]; for (let e = 0, k = 0; e < size; e++, k = k + 1 === rowLength ? 0 : k + 1) r[e] = Math.max(xd[e] + bd[k], 0); };
    };
  };

  nodes.forEach((node, j) => {
    if (!needed[j] || constant[j] || node.host !== undefined) return;
    if (node.inputs.length === 1) {
      const step = activationOfSum(j);
      if (step !== undefined) fused.set(j, step);
      return;
    }
    if (node.inputs.length !== 2) return;
    const { dtype, shape } = node;
    if (dtype !== 'float32' && dtype !== 'float64') return;
    const sameShape = (s: TraceSource) => shapesEqual(shapeOf(s), shape) && dtypeOf(s) === dtype;
    const size = sizeOf(shape);
    const out = slotOf({ kind: 'node', index: j });
    const [a, b] = node.inputs;
    if (node.primitive === 'add') {
      // p + g·c: an update scaled by a constant rate, added to the parameter
      for (const [u, p] of [[b, a], [a, b]] as const) {
        const i = intermediate(u, 'mul', shape);
        if (i === undefined || !sameShape(p)) continue;
        const [x, y] = nodes[i].inputs;
        const [g, c] = scalarConstant(y, dtype) && sameShape(x) ? [x, y] : scalarConstant(x, dtype) && sameShape(y) ? [y, x] : [];
        if (g === undefined || c === undefined) continue;
        absorbed[i] = true;
        const [pk, gk, ck] = [slotOf(p), slotOf(g), slotOf(c)];
        fused.set(j, (slots) => {
          const r = (slots[out] = allocate(dtype, size));
          return dtype === 'float32'
            ? (s) => { const pd = s[pk], gd = s[gk], cv = s[ck][0]; for (let e = 0; e < size; e++) r[e] = pd[e] + Math.fround(gd[e] * cv); }
            : (s) => { const pd = s[pk], gd = s[gk], cv = s[ck][0]; for (let e = 0; e < size; e++) r[e] = pd[e] + gd[e] * cv; };
        });
        return;
      }
    }
    if (node.primitive === 'mul') {
      // x·(c − y·y): tanh's gradient (c = 1)
      for (const [d, x] of [[b, a], [a, b]] as const) {
        const si = intermediate(d, 'sub', shape);
        if (si === undefined || !sameShape(x)) continue;
        const [c, t] = nodes[si].inputs;
        const ti = intermediate(t, 'mul', shape);
        if (!scalarConstant(c, dtype) || ti === undefined) continue;
        const [y, y2] = nodes[ti].inputs;
        if (y.kind !== y2.kind || y.index !== y2.index || !sameShape(y)) continue;
        absorbed[si] = true;
        absorbed[ti] = true;
        const [xk, ck, yk] = [slotOf(x), slotOf(c), slotOf(y)];
        fused.set(j, (slots) => {
          const r = (slots[out] = allocate(dtype, size));
          return dtype === 'float32'
            ? (s) => { const xd = s[xk], cv = s[ck][0], yd = s[yk]; for (let e = 0; e < size; e++) { const v = yd[e]; r[e] = xd[e] * Math.fround(cv - Math.fround(v * v)); } }
            : (s) => { const xd = s[xk], cv = s[ck][0], yd = s[yk]; for (let e = 0; e < size; e++) { const v = yd[e]; r[e] = xd[e] * (cv - v * v); } };
        });
        return;
      }
    }
  });
  return { constant, absorbed, fused };
}
