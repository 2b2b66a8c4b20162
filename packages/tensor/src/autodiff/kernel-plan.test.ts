import { afterEach, describe, expect, it } from 'vitest';
import type { Backend, Kernel } from '../backend/backend';
import { cpuBackend } from '../backend/cpu/cpu-backend';
import type { Primitive } from '../backend/primitives';
import { setBackend } from '../backend/registry';
import type { TypedArray } from '../dtype';
import { tidy } from '../memory/tidy';
import { add, mul } from '../ops/binary';
import { fromTypedArray } from '../ops/creation';
import { gather } from '../ops/gather';
import { gatherArgmax } from '../ops/gather-argmax';
import { logSoftmax } from '../ops/log-softmax';
import { matmul } from '../ops/matmul';
import { mean } from '../ops/mean';
import { oneHot } from '../ops/one-hot';
import { randu } from '../ops/random';
import { sum } from '../ops/reduce';
import { reshape } from '../ops/reshape';
import { abs, neg, tanh } from '../ops/unary';
import { createRng } from '../random';
import type { Tensor } from '../tensor';
import { treeLeaves } from '../tree';
import { valueAndGrad } from './grad';
import { replayable } from './replayable';

afterEach(() => setBackend(cpuBackend));

/**
 * The CPU kernels behind a backend that poisons what it is told to free: `dispose` fills the storage
 * with NaN and remembers it, a kernel that reads freed storage throws, and the kernel call numbered
 * `failAt` fails. A replay that frees a
 * result too early, or twice, or leaks one, shows here. Its `abs` hands back its input's own storage
 * when no element is negative (as a backend may, and as a reshape does), to exercise shared holds.
 */
function poisoningBackend() {
  const live = new Set<unknown>();
  const freed = new Set<unknown>();
  const counts = { doubleFrees: 0, kernels: 0, failAt: -1 };
  const wrap = (name: string, kernel: Kernel<Primitive>): Kernel<Primitive> => (inputs, attrs, out) => {
    for (const input of inputs) if (freed.has(input.data)) throw new Error(`${name} read a freed storage`);
    if (counts.kernels === counts.failAt) throw new Error(`${name} failed`);
    counts.kernels++;
    if (name === 'abs' && Array.from(inputs[0].data as TypedArray).every((v) => v >= 0)) return inputs[0].data;
    const y = kernel(inputs, attrs, out);
    live.add(y);
    return y;
  };
  const kernels = Object.fromEntries(Object.entries(cpuBackend.kernels).map(([name, k]) => [name, wrap(name, k as Kernel<Primitive>)]));
  const backend: Backend = {
    ...cpuBackend,
    name: 'poisoning',
    kernels: kernels as unknown as Backend['kernels'],
    dispose(data) {
      if (freed.has(data)) counts.doubleFrees++;
      freed.add(data);
      live.delete(data);
      (data as TypedArray).fill(NaN);
    },
  };
  return { backend, live, counts };
}

type Net = { w1: Tensor; b1: Tensor; w2: Tensor; b2: Tensor; unused: Tensor };

function net(): Net {
  const rng = createRng(5);
  return {
    w1: randu([4, 16], { rng, lo: -1, hi: 1 }), b1: randu([16], { rng }), w2: randu([16, 3], { rng, lo: -1, hi: 1 }), b2: randu([3], { rng }),
    unused: randu([2], { rng }),
  };
}

function batch(i: number): [Tensor, Tensor] {
  const rng = createRng(100 + i);
  return [randu([6, 4], { rng, lo: -2, hi: 2 }), fromTypedArray(Int32Array.from({ length: 6 }, (_, k) => (k + i) % 3), [6], 'int32')];
}

/** Softmax cross-entropy of a 4-16-3 network; |h|·h reads a result shared with its input when h ≥ 0. */
function step(p: Net, x: Tensor, y: Tensor) {
  return valueAndGrad((q) => {
    const h = tanh(add(matmul(x, q.w1), q.b1));
    const folded = mul(abs(mul(h, h)), h);
    const logits = add(matmul(reshape(folded, [6, 16]), q.w2), q.b2);
    return neg(mean(sum(mul(oneHot(y, 3, logits.dtype), logSoftmax(logits, -1)), -1)));
  }, p);
}

const bits = (t: Tensor) => Array.from(t.dataSync());

/** The step, recorded (two traced calls) on the backend's kernels of a poisoning backend, installed. */
function recorded() {
  const poisoning = poisoningBackend();
  setBackend(poisoning.backend);
  const p = net();
  const replayed = replayable((q: Net, x: Tensor, y: Tensor) => step(q, x, y), { maxElements: 1 });
  const [x, y] = batch(0);
  tidy(() => void replayed(p, x, y));
  tidy(() => void replayed(p, x, y));
  return { ...poisoning, p, x, y, replayed };
}

describe('replayable: steps replayed on the backend kernels', () => {
  it('equal the eager steps bit for bit, free every result once after its last reader, and leak none', () => {
    const { backend, live, counts } = poisoningBackend();
    setBackend(backend);
    const p = net();
    let calls = 0;
    // maxElements 1: every step is over the CPU plan's size, so it replays on the backend's kernels
    const replayed = replayable((q: Net, x: Tensor, y: Tensor) => (calls++, step(q, x, y)), { maxElements: 1 });
    for (let i = 0; i < 6; i++) {
      const [x, y] = batch(i);
      tidy(() => {
        const got = replayed(p, x, y);
        const want = step(p, x, y);
        expect(bits(got.value)).toEqual(bits(want.value));
        treeLeaves(got.grads).forEach((g, k) => expect(bits(g)).toEqual(bits(treeLeaves(want.grads)[k])));
        // the unused parameter's gradient is a constant of the trace (zeros): a copy, or disposing it would poison the next replay
        expect(bits(got.grads.unused)).toEqual([0, 0]);
      });
      expect(live.size).toBe(0);
    }
    expect(calls).toBe(2);
    expect(counts.doubleFrees).toBe(0);
  });

  it('run as many kernels as the eager step, none of the tape or the checks', () => {
    const { counts, p, x, y, replayed } = recorded();
    const before = counts.kernels;
    tidy(() => void step(p, x, y));
    const eager = counts.kernels - before;
    tidy(() => void replayed(p, x, y));
    // ops no result depends on are left out, so never more
    expect(counts.kernels - before - eager).toBeLessThanOrEqual(eager);
    expect(counts.kernels - before - eager).toBeGreaterThan(0);
  });

  it('free what they made when a kernel fails midway, and pass the error on', () => {
    const { live, counts, p, x, y, replayed } = recorded();
    counts.failAt = counts.kernels + 10;
    expect(() => tidy(() => void replayed(p, x, y))).toThrow(/failed/);
    expect(live.size).toBe(0);
    expect(counts.doubleFrees).toBe(0);
  });

  it("stay eager with 'eager' for large steps", () => {
    const p = net();
    let calls = 0;
    const replayed = replayable((q: Net, x: Tensor, y: Tensor) => (calls++, step(q, x, y)), { maxElements: 1, large: 'eager' });
    const [x, y] = batch(0);
    for (let i = 0; i < 4; i++) replayed(p, x, y);
    expect(calls).toBe(4);
  });

  it('replay gathers whose indices are constants or the winners of gatherArgmax, and never those that come from the arguments', () => {
    const p = net();
    // pairs of neighbours in each row of 16: a max pool of width 2
    const windows = fromTypedArray(Int32Array.from({ length: 16 }, (_, k) => k), [8, 2], 'int32');
    const pooled = (q: Net, x: Tensor) => {
      const h = tanh(matmul(x, q.w1));
      return reshape(gather(reshape(h, [-1]), gatherArgmax(h, windows)), [6, 8]);
    };
    let calls = 0;
    const safe = replayable((q: Net, x: Tensor) => (calls++, valueAndGrad((r) => sum(mul(pooled(r, x), pooled(r, x))), q)), { maxElements: 1 });
    const [x] = batch(0);
    for (let i = 0; i < 4; i++) {
      const [xi] = batch(i);
      expect(bits(safe(p, xi).value)).toEqual(bits(valueAndGrad((r) => sum(mul(pooled(r, xi), pooled(r, xi))), p).value));
    }
    expect(calls).toBe(2);
    calls = 0;
    const picked = fromTypedArray(Int32Array.from([0, 5, 9, 15]), [4], 'int32');
    const fromArgs = replayable((q: Net, z: Tensor, at: Tensor) => (calls++, valueAndGrad((r) => sum(gather(reshape(matmul(z, r.w1), [-1]), at)), q)), { maxElements: 1 });
    for (let i = 0; i < 4; i++) fromArgs(p, x, picked);
    expect(calls).toBe(4);
  });
});
