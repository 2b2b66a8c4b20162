import { describe, expect, it } from 'vitest';
import { ValueError } from '../errors';
import { add, greater, mul } from '../ops/binary';
import { fromTypedArray } from '../ops/creation';
import { logSoftmax } from '../ops/log-softmax';
import { matmul } from '../ops/matmul';
import { mean } from '../ops/mean';
import { oneHot } from '../ops/one-hot';
import { randu } from '../ops/random';
import { sum } from '../ops/reduce';
import { neg, relu, tanh } from '../ops/unary';
import { createRng } from '../random';
import type { Tensor } from '../tensor';
import { mapTree, treeLeaves } from '../tree';
import { valueAndGrad } from './grad';
import { replayable } from './replayable';
import { noGrad } from './tape';
import { isRecordingStep } from './trace';

type Net = { w1: Tensor; b1: Tensor; w2: Tensor; b2: Tensor };

/** A 2-8-2 tanh network with fixed pseudo-random weights (seeded), float32 or float64. */
function net(dtype: 'float32' | 'float64'): Net {
  const rng = createRng(5);
  return { w1: randu([2, 8], { rng, dtype, lo: -1, hi: 1 }), b1: randu([8], { rng, dtype }), w2: randu([8, 2], { rng, dtype, lo: -1, hi: 1 }), b2: randu([2], { rng, dtype }) };
}

/** Batch i of 10 points and labels: deterministic, different for every i. */
function batch(i: number, dtype: 'float32' | 'float64'): [Tensor, Tensor] {
  const rng = createRng(100 + i);
  const y = Int32Array.from({ length: 10 }, () => (rng.uniform() < 0.5 ? 0 : 1));
  return [randu([10, 2], { rng, dtype, lo: -2, hi: 2 }), fromTypedArray(y, [10], 'int32')];
}

/** Loss and gradients of softmax cross-entropy (written with @nn/tensor ops) of the network. */
function step(p: Net, x: Tensor, y: Tensor) {
  const { value, grads } = valueAndGrad((q) => {
    const h = tanh(add(matmul(x, q.w1), q.b1));
    const logits = add(matmul(h, q.w2), q.b2);
    return neg(mean(sum(mul(oneHot(y, 2, logits.dtype), logSoftmax(logits, -1)), -1)));
  }, p);
  return { value, grads };
}

const bits = (t: Tensor) => Array.from(t.dataSync());

type Net3 = Net & { w3: Tensor; b3: Tensor };

/** A 2-8-2-2 network: relu(x·W + b) and tanh(x·W + b) layers, what planFusions fuses. */
function net3(dtype: 'float32' | 'float64'): Net3 {
  const rng = createRng(6);
  return { ...net(dtype), w3: randu([2, 2], { rng, dtype, lo: -1, hi: 1 }), b3: randu([2], { rng, dtype }) };
}

/** A step of net3 with its SGD update, p + (−η)·g for each leaf: the loss and the new params. */
function update(q: Net3, x: Tensor, y: Tensor) {
  const { value, grads } = valueAndGrad((r) => {
    const h = relu(add(matmul(x, r.w1), r.b1));
    const logits = add(matmul(tanh(add(matmul(h, r.w2), r.b2)), r.w3), r.b3);
    return neg(mean(sum(mul(oneHot(y, 2, logits.dtype), logSoftmax(logits, -1)), -1)));
  }, q);
  return { value, params: mapTree((w, g) => add(w, mul(g, -0.1)), q, grads) };
}

describe('replayable', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it(`replays a training step bit for bit equal to the eager one (${dtype}), tracing only twice`, () => {
      const p = net(dtype);
      let calls = 0;
      const replayed = replayable((q: Net, x: Tensor, y: Tensor) => {
        calls++;
        return step(q, x, y);
      });
      for (let i = 0; i < 6; i++) {
        const [x, y] = batch(i, dtype);
        const got = replayed(p, x, y);
        const want = step(p, x, y);
        expect(bits(got.value)).toEqual(bits(want.value));
        treeLeaves(got.grads).forEach((g, k) => {
          expect(g.shape).toEqual(treeLeaves(want.grads)[k].shape);
          expect(g.dtype).toBe(dtype);
          expect(bits(g)).toEqual(bits(treeLeaves(want.grads)[k]));
        });
      }
      expect(calls).toBe(2); // two traces, then four replays
    });
  }

  for (const dtype of ['float32', 'float64'] as const) {
    it(`replays a step with its SGD update and a relu layer bit for bit, with constants run once and chains fused (${dtype})`, () => {
      let p = net3(dtype);
      let eager = p;
      let calls = 0;
      const replayed = replayable((q: Net3, x: Tensor, y: Tensor) => {
        calls++;
        return update(q, x, y);
      });
      for (let i = 0; i < 6; i++) {
        const [x, y] = batch(i, dtype);
        const got = replayed(p, x, y);
        const want = update(eager, x, y);
        expect(bits(got.value), `step ${i}`).toEqual(bits(want.value));
        treeLeaves(got.params).forEach((w, k) => expect(bits(w), `step ${i}, leaf ${k}`).toEqual(bits(treeLeaves(want.params)[k])));
        p = got.params;
        eager = want.params;
      }
      expect(calls).toBe(2);
    });
  }

  it('follows new parameter values (read at every call, not captured)', () => {
    const p = net('float64');
    const replayed = replayable((q: Net, x: Tensor, y: Tensor) => step(q, x, y));
    const [x, y] = batch(0, 'float64');
    for (let i = 0; i < 3; i++) replayed(p, x, y);
    const moved: Net = { ...p, w1: add(p.w1, 0.5) };
    expect(bits(replayed(moved, x, y).value)).toEqual(bits(step(moved, x, y).value));
  });

  it('stays eager when a step draws random numbers (the traces differ)', () => {
    const p = net('float64');
    const rng = createRng(9);
    let calls = 0;
    const replayed = replayable((q: Net, x: Tensor) => {
      calls++;
      const mask = greater(randu(x.shape, { rng, dtype: 'float64' }), 0.5); // dropout's mask
      return valueAndGrad((r) => sum(mul(matmul(mul(x, mask), r.w1), 2)), q);
    });
    const [x] = batch(0, 'float64');
    for (let i = 0; i < 4; i++) replayed(p, x);
    expect(calls).toBe(4);
  });

  it('stays eager when an op\'s attributes change from call to call (a sum over another axis, the same shapes)', () => {
    let axis = 0;
    let calls = 0;
    const replayed = replayable((p: { w: Tensor }) => {
      calls++;
      return sum(mul(p.w, 2), axis);
    });
    const w = fromTypedArray(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), [3, 3], 'float64');
    const got: number[][] = [];
    for (let i = 0; i < 4; i++) {
      got.push(bits(replayed({ w })));
      axis = 1 - axis;
    }
    expect(calls).toBe(4);
    expect(got).toEqual([[24, 30, 36], [12, 30, 48], [24, 30, 36], [12, 30, 48]]);
  });

  it('traces each new set of shapes on its own', () => {
    const p = net('float64');
    let calls = 0;
    const replayed = replayable((q: Net, x: Tensor, y: Tensor) => {
      calls++;
      return step(q, x, y);
    });
    const [x, y] = batch(0, 'float64');
    const [x5, y5] = [fromTypedArray(x.dataSync().slice(0, 10) as Float64Array, [5, 2]), fromTypedArray(y.dataSync().slice(0, 5) as Int32Array, [5])];
    for (let i = 0; i < 3; i++) replayed(p, x, y);
    for (let i = 0; i < 3; i++) replayed(p, x5, y5);
    expect(calls).toBe(4);
    expect(bits(replayed(p, x5, y5).value)).toEqual(bits(step(p, x5, y5).value));
  });

  it("checks labels in a replayed step as oneHot does in an eager one", () => {
    const p = net('float64');
    const replayed = replayable((q: Net, x: Tensor, y: Tensor) => step(q, x, y));
    const [x, y] = batch(0, 'float64');
    for (let i = 0; i < 3; i++) replayed(p, x, y);
    const bad = fromTypedArray(Int32Array.from([0, 1, 0, 1, 2, 0, 1, 0, 1, 0]), [10], 'int32');
    expect(() => replayed(p, x, bad)).toThrow(ValueError);
    expect(() => replayed(p, x, bad)).toThrow(/label 2 at position 4 is out of range \[0, 2\)/);
  });

  it('runs eagerly under an active gradient tape, so that the result stays differentiable', () => {
    const p = net('float64');
    const replayed = replayable((q: Net, x: Tensor) => tanh(matmul(x, q.w1)));
    const [x] = batch(0, 'float64');
    for (let i = 0; i < 3; i++) replayed(p, x);
    const { grads } = valueAndGrad((q) => sum(replayed(q, x)), p);
    // d Σ tanh(x·W) / dW = xᵀ·(1 − tanh²(x·W)): nonzero where x is
    expect(bits(grads.w1).some((v) => v !== 0)).toBe(true);
  });
});

describe('replayable(f).loop', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it(`runs the recorded step over its own arrays, bit for bit as the replayed calls, once the plan is ready (${dtype})`, () => {
      const replayed = replayable(update);
      let p = net3(dtype);
      const [x0, y0] = batch(0, dtype);
      expect(replayed.loop(p, x0, y0)).toBeUndefined(); // nothing recorded yet
      p = replayed(p, x0, y0).params;
      expect(replayed.loop(p, x0, y0)).toBeUndefined(); // traced once
      p = replayed(p, x0, y0).params;
      const loop = replayed.loop(p, x0, y0)!;
      expect(loop).toBeDefined();
      const leaves = treeLeaves(p);
      expect(loop.inputs.map((a) => Array.from(a))).toEqual([...leaves.map(bits), new Array(20).fill(0), new Array(10).fill(0)]);
      expect(loop.inputs[0]).not.toBe(leaves[0].dataSync()); // copies: the loop writes its own
      expect(loop.inputShapes).toEqual([...leaves.map((t) => t.shape), [10, 2], [10]]);
      expect(loop.outputShapes).toEqual([[], ...leaves.map((t) => t.shape)]);
      for (let i = 1; i < 6; i++) {
        const [x, y] = batch(i, dtype);
        loop.inputs[leaves.length].set(x.dataSync());
        loop.inputs[leaves.length + 1].set(y.dataSync());
        loop.run();
        const want = replayed(p, x, y);
        const wanted = [want.value, ...treeLeaves(want.params)];
        expect(loop.outputs.length).toBe(wanted.length);
        wanted.forEach((t, k) => expect(Array.from(loop.outputs[k]), `step ${i}, leaf ${k}`).toEqual(bits(t)));
        // the step's new weights are the next one's: copied in, as fit does
        for (let k = 0; k < leaves.length; k++) loop.inputs[k].set(loop.outputs[1 + k]);
        p = want.params;
      }
    });
  }

  it('is undefined for a step that runs eagerly, one replayed on the backend\'s kernels, and under a tape or noGrad', () => {
    const rng = createRng(9);
    const random = replayable((q: Net, x: Tensor) => ({ y: matmul(mul(x, greater(randu(x.shape, { rng, dtype: 'float64' }), 0.5)), q.w1) }));
    const p = net('float64');
    const [x, y] = batch(0, 'float64');
    for (let i = 0; i < 3; i++) random(p, x);
    expect(random.loop(p, x)).toBeUndefined();
    const large = replayable((q: Net, x: Tensor, y: Tensor) => step(q, x, y), { maxElements: 8 });
    for (let i = 0; i < 3; i++) large(p, x, y);
    expect(large.loop(p, x, y)).toBeUndefined();
    const small = replayable((q: Net, x: Tensor, y: Tensor) => step(q, x, y));
    for (let i = 0; i < 3; i++) small(p, x, y);
    expect(small.loop(p, x, y)).toBeDefined();
    expect(noGrad(() => small.loop(p, x, y))).toBeUndefined();
    valueAndGrad((q) => {
      expect(small.loop(q, x, y)).toBeUndefined();
      return sum(q.w1);
    }, p);
    small.recheck();
    expect(small.loop(p, x, y)).toBeUndefined(); // until the next call checks the plan again
  });

  it('keeps its inputs when the replayed function runs in between, and checks labels as the replay does', () => {
    const replayed = replayable((q: Net, x: Tensor, y: Tensor) => step(q, x, y));
    const p = net('float64');
    const [x, y] = batch(0, 'float64');
    const [x1, y1] = batch(1, 'float64');
    for (let i = 0; i < 2; i++) replayed(p, x, y);
    const loop = replayed.loop(p, x, y)!;
    loop.inputs[treeLeaves(p).length].set(x.dataSync());
    loop.inputs[treeLeaves(p).length + 1].set(y.dataSync());
    loop.run();
    const first = Array.from(loop.outputs[0]);
    replayed(p, x1, y1); // the same plan, other arguments
    loop.run();
    expect(Array.from(loop.outputs[0])).toEqual(first);
    expect(first).toEqual(bits(step(p, x, y).value));
    loop.inputs[treeLeaves(p).length + 1].set([0, 1, 0, 1, 2, 0, 1, 0, 1, 0]);
    expect(() => loop.run()).toThrow(/label 2 at position 4 is out of range \[0, 2\)/);
  });
});

describe('isRecordingStep', () => {
  it('is true while replayable records a step, and false when it replays, runs eagerly or is not involved', () => {
    const seen: boolean[] = [];
    const replayed = replayable((p: { w: Tensor }) => {
      seen.push(isRecordingStep());
      return mul(p.w, 2);
    });
    const w = fromTypedArray(new Float32Array([1, 2]), [2], 'float32');
    for (let i = 0; i < 3; i++) replayed({ w });
    expect(seen).toEqual([true, true]); // two recordings, then a replay that does not call f
    noGrad(() => replayed({ w })); // eager under noGrad
    expect(seen).toEqual([true, true, false]);
    expect(isRecordingStep()).toBe(false);
  });
});
