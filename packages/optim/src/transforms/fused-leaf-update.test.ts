import {
  type Backend, type DType, DTypeError, type FusedKernels, type GradientTransformation, type Params, type Rng, type Tensor, type TypedArray, cpuBackend,
  createRng, fromTypedArray, getBackend, mapTree, setBackend, sum, tensor, treeLeaves,
} from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { adam } from '../alias/adam';
import { chain } from '../chain';
import { fusedLeafUpdate, mapTreeMulti } from './fused-leaf-update';
import { type AdamConstants, adamLeafOps, scaleByAdam } from './scale-by-adam';
import { scaleByLearningRate } from './scale-by-learning-rate';
import { type RmsConstants, rmsLeafOps, scaleByRms } from './scale-by-rms';
import { trace, traceLeafOps } from './trace';

/** Shapes no SIMD lane count or loop unrolling divides: a prime-sized matrix, a scalar, size 1, an empty leaf. */
const SHAPES = { w: [7, 13], b: [1], s: [], deep: [[3, 1, 5], [37], [0]] } as const;

/** Gradients over ten decades, with both signs, exact zeros and ties to exercise every rounding. */
function randomGrads(rng: Rng, dtype: DType): Params {
  const leaf = (shape: readonly number[]): Tensor => {
    const n = shape.reduce((a, b) => a * b, 1);
    const values = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      values[i] = u < 0.1 ? 0 : u < 0.15 ? 0.5 : rng.normal() * 10 ** rng.uniformRange(-6, 4);
    }
    return fromTypedArray(values, [...shape], dtype);
  };
  return { w: leaf(SHAPES.w), b: leaf(SHAPES.b), s: leaf(SHAPES.s), deep: SHAPES.deep.map(leaf) };
}

/** Throws naming the first element whose bits differ (so −0 ≠ 0, and NaN payloads count). */
function expectBitIdentical(actual: Params, expected: Params, what: string): void {
  const [a, e] = [treeLeaves(actual), treeLeaves(expected)];
  expect(a.length).toBe(e.length);
  a.forEach((x, k) => {
    expect(x.dtype).toBe(e[k].dtype);
    expect(x.shape).toEqual(e[k].shape);
    const [xs, es] = [x.dataSync(), e[k].dataSync()];
    const [xb, eb] = [new Uint8Array(xs.buffer, xs.byteOffset, xs.byteLength), new Uint8Array(es.buffer, es.byteOffset, es.byteLength)];
    const at = xb.findIndex((byte, i) => byte !== eb[i]);
    if (at >= 0) {
      const i = Math.floor(at / xs.BYTES_PER_ELEMENT);
      expect.fail(`${what}, leaf ${k}, element ${i}: fused ${xs[i]}, op by op ${es[i]}`);
    }
  });
}

/**
 * Runs `transform` (fused) and `reference` (op by op, state threaded the same way) for 20 steps on the
 * same random gradients, checking updates and every state tree bit for bit after each step.
 */
function expectSameAsOps<S>(
  transform: GradientTransformation<S>,
  reference: (grads: Params, state: S, step: number) => [Params, S],
  dtype: DType,
  stateTrees: (s: S) => (Params | null)[],
): void {
  const rng = createRng(`fused ${dtype}`);
  const params = mapTree((g) => g, randomGrads(rng, dtype));
  let fused = transform.init(params);
  let ops = transform.init(params);
  for (let step = 1; step <= 20; step++) {
    const grads = randomGrads(rng, dtype);
    const before = treeLeaves(grads).map((g) => g.dataSync().slice());
    const [u1, s1] = transform.update(grads, fused, params);
    const [u2, s2] = reference(grads, ops, step);
    expectBitIdentical(u1, u2, `step ${step} update`);
    stateTrees(s1).forEach((t, k) => {
      const r = stateTrees(s2)[k];
      if (t === null || r === null) expect(t).toBe(r);
      else expectBitIdentical(t, r, `step ${step} state ${k}`);
    });
    treeLeaves(grads).forEach((g, k) => expect(g.dataSync()).toEqual(before[k]));
    [fused, ops] = [s1, s2];
  }
}

const DTYPES: readonly DType[] = ['float32', 'float64'];

describe('fusedLeafUpdate', () => {
  it('writes new leaves of the inputs’ shape and dtype with the loop of that dtype, and leaves the inputs alone', () => {
    // y₁ = x₁ + x₂, y₂ = x₁·x₂; float32: 0.1 + 0.2 is fround(fround(0.1) + fround(0.2))
    const loops = {
      float32: (n: number, [x, y]: readonly TypedArray[], [o1, o2]: readonly TypedArray[]) => {
        for (let i = 0; i < n; i++) {
          o1[i] = Math.fround(x[i] + y[i]);
          o2[i] = Math.fround(x[i] * y[i]);
        }
      },
      float64: () => expect.fail('float32 leaves take the float32 loop'),
    };
    const a = tensor([0.1, 2, -3], [3, 1]);
    const b = tensor([0.2, 0.5, 4], [3, 1]);
    const [s, p] = fusedLeafUpdate([a, b], 2, loops, () => expect.fail('the fused loop applies'));
    expect(s.shape).toEqual([3, 1]);
    expect(s.dtype).toBe('float32');
    expect(Array.from(s.dataSync())).toEqual([Math.fround(Math.fround(0.1) + Math.fround(0.2)), 2.5, 1]);
    expect(Array.from(p.dataSync())).toEqual([Math.fround(Math.fround(0.1) * Math.fround(0.2)), 1, -12]);
    expect(Array.from(a.dataSync())).toEqual([Math.fround(0.1), 2, -3]);
    expect(s.dataSync()).not.toBe(a.dataSync());
  });

  it('gives float64 leaves to the float64 loop', () => {
    const loops = {
      float32: () => expect.fail('float64 leaves take the float64 loop'),
      float64: (n: number, [x]: readonly TypedArray[], [o]: readonly TypedArray[]) => {
        for (let i = 0; i < n; i++) o[i] = x[i] / 3;
      },
    };
    const [y] = fusedLeafUpdate([tensor([0.1], [1], 'float64')], 1, loops, () => expect.fail('the fused loop applies'));
    expect(y.dtype).toBe('float64');
    expect(y.dataSync()[0]).toBe(0.1 / 3);
  });

  it('runs the op chain instead for leaves that broadcast, mixed dtypes and ints', () => {
    const never = () => expect.fail('the fused loop must not run');
    const loop = { float32: never, float64: never };
    const marker = tensor([42]);
    expect(fusedLeafUpdate([tensor([1, 2]), tensor([1])], 1, loop, () => [marker])).toEqual([marker]);
    expect(fusedLeafUpdate([tensor([1]), tensor([1], [1], 'float64')], 1, loop, () => [marker])).toEqual([marker]);
    expect(fusedLeafUpdate([tensor([1], [1], 'int32')], 1, loop, () => [marker])).toEqual([marker]);
  });

  it('keeps an update differentiable: the op chain runs when a gradient flows through a leaf', () => {
    // Adam's second step in g: the fused loop would cut the tape; the numerical gradient must match
    const opt = scaleByAdam({ betas: [0.8, 0.9] });
    const x = { x: tensor([0.3, -1.2, 2], [3], 'float64') };
    const [, s1] = opt.update(x, opt.init(x), x);
    expectGradClose(({ g }) => sum(opt.update({ x: g }, s1, x)[0].x), { g: tensor([0.7, 0.1, -2.5], [3], 'float64') });
  });

  it('refuses mixed dtypes with the op chain’s own error', () => {
    const opt = scaleByAdam();
    const state = opt.init({ x: tensor([0], [1], 'float64') });
    expect(() => opt.update({ x: tensor([1]) }, state)).toThrow(DTypeError);
  });
});

describe('mapTreeMulti', () => {
  it('splits k results per leaf into k trees of the input’s structure', () => {
    const tree = { a: tensor([1, 2]), b: [tensor([3]), { c: tensor([4, 5, 6]) }] };
    const [same, sizes] = mapTreeMulti(2, (x) => [x, tensor([x.size])], tree);
    expect(same).toEqual(tree);
    expect(mapTree((t) => t, sizes)).toEqual(sizes);
    expect(treeLeaves(sizes).map((t) => t.item())).toEqual([2, 1, 3]);
    expect(Object.keys(sizes)).toEqual(['a', 'b']);
  });
});

describe.each(DTYPES)('the fused transforms equal their op chains bit for bit over 20 steps (%s)', (dtype) => {
  it.each([false, true])('scaleByAdam, amsgrad %s', (amsgrad) => {
    const betas = [0.9, 0.999] as const;
    const eps = 1e-8;
    type S = ReturnType<ReturnType<typeof scaleByAdam>['init']>;
    expectSameAsOps<S>(scaleByAdam({ amsgrad }), (grads, s, count) => {
      const k: AdamConstants = { b1: betas[0], b2: betas[1], eps, c1: 1 - betas[0] ** count, c2: Math.sqrt(1 - betas[1] ** count) };
      const trees = mapTreeMulti(amsgrad ? 4 : 3, (g, m, v, vMax) => adamLeafOps(k, g, m, v, amsgrad ? vMax : undefined), grads, s.mu, s.nu, s.nuMax ?? s.nu);
      return [trees[0], { count, mu: trees[1], nu: trees[2], nuMax: amsgrad ? trees[3] : null }];
    }, dtype, (s) => [s.mu, s.nu, s.nuMax]);
  });

  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('scaleByRms, centered %s, epsInsideSqrt %s', (centered, epsInsideSqrt) => {
    const k: RmsConstants = { alpha: 0.95, eps: 1e-6, epsInsideSqrt };
    type S = ReturnType<ReturnType<typeof scaleByRms>['init']>;
    expectSameAsOps<S>(scaleByRms({ alpha: 0.95, eps: 1e-6, centered, epsInsideSqrt }), (grads, s) => {
      const trees = mapTreeMulti(centered ? 3 : 2, (g, ms, m) => rmsLeafOps(k, g, ms, centered ? m : undefined), grads, s.meanSquare, s.mean ?? s.meanSquare);
      return [trees[0], { meanSquare: trees[1], mean: centered ? trees[2] : null }];
    }, dtype, (s) => [s.meanSquare, s.mean]);
  });

  it.each([false, true])('trace, nesterov %s', (nesterov) => {
    type S = ReturnType<ReturnType<typeof trace>['init']>;
    expectSameAsOps<S>(trace({ decay: 0.9, nesterov }), (grads, s) => {
      const [u, velocity] = mapTreeMulti(2, (g, v) => {
        const out = traceLeafOps(0.9, nesterov, g, v);
        return nesterov ? out : [out[0], out[0]];
      }, grads, s.velocity);
      return [u, { velocity, count: s.count + 1 }];
    }, dtype, (s) => [s.velocity]);
  });
});

/**
 * The CPU backend plus fused optimizer kernels written out from `FusedKernels`' contract (every product,
 * sum, root and quotient one float32 operation, the scalars rounded to float32), counting their calls: it
 * stands in for the wasm backend, whose SIMD kernels @nn/gpu's tests hold to the op chains bit for bit.
 */
function fusedBackend(): Backend & { calls: number } {
  const f = Math.fround;
  const out = (k: number, n: number) => Array.from({ length: k }, () => new Float32Array(n));
  const backend = {
    ...cpuBackend,
    name: 'fused-test',
    calls: 0,
    fused: {
      adamF32(n, [g, m, v, vMax], k) {
        backend.calls++;
        if (n === 0) return undefined;
        const [u, mo, vo, vMaxo] = out(vMax === undefined ? 3 : 4, n);
        const [gs, ms, vs, vMaxs] = [g, m, v, vMax] as (Float32Array | undefined)[];
        for (let i = 0; i < n; i++) {
          mo[i] = f(f(ms![i] * f(k.b1)) + f(gs![i] * f(k.r1)));
          vo[i] = f(f(vs![i] * f(k.b2)) + f(f(gs![i] * gs![i]) * f(k.r2)));
          const d = vMaxs === undefined ? vo[i] : (vMaxo[i] = Math.max(vo[i], vMaxs[i]));
          u[i] = f(f(f(mo[i] * f(k.s1)) / f(f(f(Math.sqrt(d)) * f(k.s2)) + f(k.eps))) * f(k.scale ?? 1));
        }
        return vMax === undefined ? [u, mo, vo] : [u, mo, vo, vMaxo];
      },
      rmsF32(n, [g, s, m], k) {
        backend.calls++;
        if (n === 0) return undefined;
        const [u, so, mo] = out(k.centered ? 3 : 2, n);
        const [gs, ss, ms] = [g, s, m] as (Float32Array | undefined)[];
        for (let i = 0; i < n; i++) {
          so[i] = f(f(ss![i] * f(k.alpha)) + f(f(gs![i] * gs![i]) * f(k.rest)));
          let variance = so[i];
          if (k.centered) {
            mo[i] = f(f(ms![i] * f(k.alpha)) + f(gs![i] * f(k.rest)));
            variance = f(so[i] - f(mo[i] * mo[i]));
          }
          u[i] = f(gs![i] / (k.epsInsideSqrt ? f(Math.sqrt(f(variance + f(k.eps)))) : f(f(Math.sqrt(variance)) + f(k.eps))));
        }
        return k.centered ? [u, so, mo] : [u, so];
      },
      traceF32(n, [g, v], mu, nesterov) {
        backend.calls++;
        if (n === 0) return undefined;
        const [u, vo] = out(2, n);
        const [gs, vs] = [g, v] as Float32Array[];
        for (let i = 0; i < n; i++) {
          vo[i] = f(f(vs[i] * f(mu)) + gs[i]);
          u[i] = f(gs[i] + f(vo[i] * f(mu)));
        }
        return nesterov ? [u, vo] : [vo];
      },
    } satisfies FusedKernels,
  };
  return backend;
}

/** `adam(η)` against the chain it fuses, state for state, for a fixed rate and a schedule, with and without AMSGrad. */
function expectAdamIsItsChain(dtype: DType): void {
  type S = ReturnType<ReturnType<typeof adam>['init']>;
  for (const amsgrad of [false, true]) {
    for (const rate of [3e-3, (t: number) => 0.1 / (1 + t)]) {
      const reference = chain(scaleByAdam({ amsgrad, betas: [0.8, 0.99] }), scaleByLearningRate(rate));
      expectSameAsOps<S>(adam(rate, { amsgrad, betas: [0.8, 0.99] }), (grads, s) => reference.update(grads, s) as [Params, S], dtype, ([s, { count }]) => [s.mu, s.nu, s.nuMax, tensor(count)]);
    }
  }
}

describe('adam: its learning rate fused into the update', () => {
  it.each(DTYPES)('equals chain(scaleByAdam, scaleByLearningRate) bit for bit, state for state (%s)', (dtype) => expectAdamIsItsChain(dtype));
});

describe('the fused transforms on a backend with fused kernels', () => {
  const previous = getBackend();
  afterEach(() => setBackend(previous));

  it.each(DTYPES)('adam with its learning rate fused into the backend’s kernel equals chain(scaleByAdam, scaleByLearningRate) bit for bit (%s)', (dtype) => {
    const backend = fusedBackend();
    setBackend(backend);
    expectAdamIsItsChain(dtype);
    if (dtype === 'float32') expect(backend.calls).toBeGreaterThan(0);
  });

  it.each(DTYPES)('hand float32 leaves to the backend’s kernels (and float64 ones to the loops), still equal to the op chains bit for bit (%s)', (dtype) => {
    const backend = fusedBackend();
    setBackend(backend);
    type A = ReturnType<ReturnType<typeof scaleByAdam>['init']>;
    for (const amsgrad of [false, true]) {
      expectSameAsOps<A>(scaleByAdam({ amsgrad }), (grads, s, count) => {
        const k: AdamConstants = { b1: 0.9, b2: 0.999, eps: 1e-8, c1: 1 - 0.9 ** count, c2: Math.sqrt(1 - 0.999 ** count) };
        const trees = mapTreeMulti(amsgrad ? 4 : 3, (g, m, v, vMax) => adamLeafOps(k, g, m, v, amsgrad ? vMax : undefined), grads, s.mu, s.nu, s.nuMax ?? s.nu);
        return [trees[0], { count, mu: trees[1], nu: trees[2], nuMax: amsgrad ? trees[3] : null }];
      }, dtype, (s) => [s.mu, s.nu, s.nuMax]);
    }
    type R = ReturnType<ReturnType<typeof scaleByRms>['init']>;
    for (const centered of [false, true]) {
      const k: RmsConstants = { alpha: 0.95, eps: 1e-6, epsInsideSqrt: centered };
      expectSameAsOps<R>(scaleByRms({ alpha: 0.95, eps: 1e-6, centered, epsInsideSqrt: centered }), (grads, s) => {
        const trees = mapTreeMulti(centered ? 3 : 2, (g, ms, m) => rmsLeafOps(k, g, ms, centered ? m : undefined), grads, s.meanSquare, s.mean ?? s.meanSquare);
        return [trees[0], { meanSquare: trees[1], mean: centered ? trees[2] : null }];
      }, dtype, (s) => [s.meanSquare, s.mean]);
    }
    type T = ReturnType<ReturnType<typeof trace>['init']>;
    for (const nesterov of [false, true]) {
      expectSameAsOps<T>(trace({ decay: 0.9, nesterov }), (grads, s) => {
        const [u, velocity] = mapTreeMulti(2, (g, v) => {
          const out = traceLeafOps(0.9, nesterov, g, v);
          return nesterov ? out : [out[0], out[0]];
        }, grads, s.velocity);
        return [u, { velocity, count: s.count + 1 }];
      }, dtype, (s) => [s.velocity]);
    }
    // 6 leaves a step, 20 steps, 6 transforms; float64 never reaches the kernels
    expect(backend.calls).toBe(dtype === 'float32' ? 6 * 20 * 6 : 0);
  });
});
