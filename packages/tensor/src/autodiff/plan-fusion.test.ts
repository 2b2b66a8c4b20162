import { describe, expect, it } from 'vitest';
import { binaryLoops, unaryLoops } from '../backend/cpu/elementwise';
import { type DType, type TypedArray, allocate } from '../dtype';
import { fromTypedArray } from '../ops/creation';
import { createRng } from '../random';
import type { Shape } from '../shape';
import type { Tensor } from '../tensor';
import { planFusions } from './plan-fusion';
import { OutputLeaf, type Trace, planLayout } from './recorded-step';
import type { TraceNode, TraceSource } from './trace';

const p = (index: number): TraceSource => ({ kind: 'param', index });
const c = (index: number): TraceSource => ({ kind: 'const', index });
const n = (index: number): TraceSource => ({ kind: 'node', index });
const op = (primitive: string, inputs: TraceSource[], shape: Shape, dtype: DType = 'float32'): TraceNode => ({ primitive, attrs: {}, inputs, shape, dtype });

/** Values where rounding to float32 in between matters, and the edge cases of IEEE arithmetic. */
const AWKWARD = [0, -0, 1, -1, 0.1, 1 / 3, 1e-45, -1e-45, 3.4e38, -3.4e38, 1e20, 7.5, -0.75, Number.NaN, Infinity, -Infinity, 0.5, 2.000001, -3.999, 1e-7];

/**
 * A param of `shape`: AWKWARD (shifted by `shift`, so that two params differ), then uniform values in
 * (−3, 3) drawn from seed `shift`, enough of them that rounding an intermediate or not shows.
 */
function param(shape: Shape, dtype: DType, shift: number): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const rng = createRng(shift);
  const data = allocate(dtype, size);
  for (let i = 0; i < size; i++) data[i] = i < AWKWARD.length ? AWKWARD[(i + shift) % AWKWARD.length] : 6 * rng.uniform() - 3;
  return fromTypedArray(data, shape, dtype);
}

/** A trace over `params` and scalar `constants` returning nodes `results` (default: the last), its layout and fusions. */
function planned(nodes: TraceNode[], params: Tensor[], constants: number[], dtype: DType, results = [nodes.length - 1]) {
  const trace: Trace = {
    nodes,
    constants: constants.map((v) => ({ shape: [], dtype, data: dtype === 'float32' ? Float32Array.of(v) : Float64Array.of(v) })),
    structure: JSON.stringify(results.map((r) => `n${r}`)),
    output: results.map((r) => new OutputLeaf(n(r))),
  };
  const layout = planLayout(trace, params, []);
  return { trace, layout, fusions: planFusions(trace, layout) };
}

/** Slots with the params' and constants' elements, as replayable's plan holds them. */
function slotsOf(params: Tensor[], trace: Trace, layout: ReturnType<typeof planLayout>): TypedArray[] {
  const slots: TypedArray[] = new Array(layout.slotCount);
  params.forEach((t, i) => (slots[layout.slotOf(p(i))] = t.dataSync() as TypedArray));
  trace.constants.forEach((k, i) => (slots[layout.slotOf(c(i))] = k.data));
  return slots;
}

/** The ops one at a time, each result stored as its kernel would store it (and so rounded). */
function unfused(dtype: DType, size: number) {
  const binary = (primitive: keyof typeof binaryLoops, a: TypedArray, b: TypedArray) => {
    const y = allocate(dtype, size);
    binaryLoops[primitive](a, 0, a.length === 1 ? 0 : 1, b, 0, b.length === 1 ? 0 : 1, y, 0, size);
    return y;
  };
  const unary = (primitive: keyof typeof unaryLoops, x: TypedArray) => {
    const y = allocate(dtype, size);
    unaryLoops[primitive](x, y);
    return y;
  };
  return { binary, unary };
}

const bits = (a: TypedArray) => Array.from(a, (v) => (Object.is(v, -0) ? '-0' : String(v)));

describe('planFusions', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it(`fuses p + g·c (either operand order) into one loop with the ops' bits (${dtype})`, () => {
      for (const [mul, add] of [[[p(1), c(0)], [p(0), n(0)]], [[c(0), p(1)], [n(0), p(0)]]] as const) {
        const params = [param([40, 50], dtype, 0), param([40, 50], dtype, 7)];
        const { trace, layout, fusions } = planned([op('mul', [...mul], [40, 50], dtype), op('add', [...add], [40, 50], dtype)], params, [-0.37], dtype);
        expect(fusions.absorbed).toEqual([true, false]);
        const slots = slotsOf(params, trace, layout);
        const step = fusions.fused.get(1)!(slots);
        step(slots);
        const { binary } = unfused(dtype, 2000);
        const want = binary('add', slots[layout.slotOf(p(0))], binary('mul', slots[layout.slotOf(p(1))], trace.constants[0].data));
        expect(bits(slots[layout.slotOf(n(1))])).toEqual(bits(want));
      }
    });

    it(`fuses tanh's gradient x·(c − y·y) with the ops' bits (${dtype})`, () => {
      const params = [param([30, 70], dtype, 2), param([30, 70], dtype, 11)];
      const nodes = [op('mul', [p(1), p(1)], [30, 70], dtype), op('sub', [c(0), n(0)], [30, 70], dtype), op('mul', [p(0), n(1)], [30, 70], dtype)];
      const { trace, layout, fusions } = planned(nodes, params, [1], dtype);
      expect(fusions.absorbed).toEqual([true, true, false]);
      const slots = slotsOf(params, trace, layout);
      const step = fusions.fused.get(2)!(slots);
      step(slots);
      const { binary } = unfused(dtype, 2100);
      const y = slots[layout.slotOf(p(1))];
      const want = binary('mul', slots[layout.slotOf(p(0))], binary('sub', trace.constants[0].data, binary('mul', y, y)));
      expect(bits(slots[layout.slotOf(n(2))])).toEqual(bits(want));
    });

    for (const activation of ['tanh', 'relu'] as const) {
      it(`fuses ${activation}(x + b), b a bias over x's rows or b + x, with the ops' bits (${dtype})`, () => {
        for (const biasShape of [[50], [40, 50], []] as Shape[]) {
          for (const swapped of [false, true]) {
            const params = [param([40, 50], dtype, 1), param(biasShape, dtype, 9)];
            const sum = op('add', swapped ? [p(1), p(0)] : [p(0), p(1)], [40, 50], dtype);
            const { trace, layout, fusions } = planned([sum, op(activation, [n(0)], [40, 50], dtype)], params, [], dtype);
            expect(fusions.absorbed, `bias ${biasShape}`).toEqual([true, false]);
            const slots = slotsOf(params, trace, layout);
            const step = fusions.fused.get(1)!(slots);
            step(slots);
            const x = slots[layout.slotOf(p(0))];
            const b = slots[layout.slotOf(p(1))];
            const added = allocate(dtype, 2000);
            const rowLength = b.length;
            for (let r = 0; r < 2000 / rowLength; r++) binaryLoops.add(x, r * rowLength, 1, b, 0, 1, added, r * rowLength, rowLength);
            expect(bits(slots[layout.slotOf(n(1))]), `bias ${biasShape}`).toEqual(bits(unfused(dtype, 2000).unary(activation, added)));
          }
        }
      });
    }
  }

  it('fuses nothing whose intermediate something else needs, or whose operands do not fit', () => {
    const dtype = 'float32';
    const params = [param([4, 5], dtype, 0), param([4, 5], dtype, 3), param([1, 5], dtype, 5), param([4, 5], 'float64', 1)];
    const cases: [string, TraceNode[], number[], number[]?][] = [
      ['the product is returned too', [op('mul', [p(1), c(0)], [4, 5]), op('add', [p(0), n(0)], [4, 5])], [0.1], [0, 1]],
      ['the product is read twice', [op('mul', [p(1), c(0)], [4, 5]), op('add', [p(0), n(0)], [4, 5]), op('add', [n(1), n(0)], [4, 5])], [0.1]],
      ['the rate is not a scalar constant', [op('mul', [p(1), p(0)], [4, 5]), op('add', [p(0), n(0)], [4, 5])], []],
      ['the square is of two tensors', [op('mul', [p(1), p(0)], [4, 5]), op('sub', [c(0), n(0)], [4, 5]), op('mul', [p(0), n(1)], [4, 5])], [1]],
      ['the bias is [1, 5] (a broadcast over rows, not a row)', [op('add', [p(0), p(2)], [4, 5]), op('tanh', [n(0)], [4, 5])], []],
      ['the activation is another one', [op('add', [p(0), p(1)], [4, 5]), op('exp', [n(0)], [4, 5])], []],
    ];
    for (const [why, nodes, constants, results] of cases) {
      const { fusions } = planned(nodes, params, constants, dtype, results);
      expect(fusions.absorbed.some(Boolean), why).toBe(false);
      expect(fusions.fused.size, why).toBe(0);
    }
  });

  it('marks the ops of constants alone (and of ops of constants alone) constant, never a host op', () => {
    const params = [param([3], 'float32', 0)];
    const host = { ...op('oneHot', [c(1)], [3]), host: (inputs: readonly TypedArray[]) => inputs[0] };
    const nodes = [op('div', [c(0), c(1)], []), op('neg', [n(0)], []), op('mul', [p(0), n(1)], [3]), host, op('add', [n(2), n(3)], [3])];
    const { fusions } = planned(nodes, params, [1, 10], 'float32');
    expect(fusions.constant).toEqual([true, true, false, false, false]);
  });
});
