import { describe, expect, it, vi } from 'vitest';
import { grad, valueAndGrad } from '../autodiff/grad';
import type { Backend } from '../backend/backend';
import { cpuBackend } from '../backend/cpu/cpu-backend';
import { DisposedError, NnError } from '../errors';
import { globalState } from '../global-state';
import { add, mul } from '../ops/binary';
import { tensor } from '../ops/creation';
import { sum } from '../ops/reduce';
import { reshape } from '../ops/reshape';
import { exp, square } from '../ops/unary';
import type { Tensor } from '../tensor';
import { dispose, forEachTensor, keep, tidy } from './tidy';
import { withBackend } from '../testing/with-backend';

/** The CPU backend with its `dispose` hook spied on: which storages were released. */
function spyBackend(): { backend: Backend; released: unknown[] } {
  const released: unknown[] = [];
  return { backend: { ...cpuBackend, name: 'spy', dispose: (data) => void released.push(data) }, released };
}

describe('tidy', () => {
  it('disposes what fn made but the result, and returns the result', () => {
    const x = tensor([1, 2, 3]);
    let inner: Tensor | undefined;
    const y = tidy(() => {
      inner = exp(x);
      return add(inner, 1);
    });
    expect(inner!.isDisposed).toBe(true);
    expect(y.isDisposed).toBe(false);
    expect(x.isDisposed).toBe(false);
    expect(y).toBeAllClose([Math.E + 1, Math.E ** 2 + 1, Math.E ** 3 + 1]);
  });

  it('keeps every tensor of a returned tree (arrays, objects, Maps) and passes other values through', () => {
    const out = tidy(() => ({ a: [tensor([1]), tensor([2])], b: { c: tensor([3]) }, m: new Map([['d', tensor([4])]]), n: 5 }));
    expect([out.a[0], out.a[1], out.b.c, out.m.get('d')!].map((t) => t.isDisposed)).toEqual([false, false, false, false]);
    expect(out.n).toBe(5);
  });

  it('hands the result to the enclosing scope, which disposes it unless it returns it too', () => {
    let middle: Tensor | undefined;
    const outer = tidy(() => {
      middle = tidy(() => square(tensor([2])));
      expect(middle.isDisposed).toBe(false);
      return add(middle, 1);
    });
    expect(middle!.isDisposed).toBe(true);
    expect(outer).toBeAllClose([5]);
  });

  it('spares kept tensors in every scope, open or to come', () => {
    let kept: Tensor | undefined;
    tidy(() => {
      tidy(() => void (kept = keep(square(tensor([3])))));
      return tensor([0]);
    });
    expect(kept!.isDisposed).toBe(false);
    expect(kept).toBeAllClose([9]);
    expect(() => keep(5 as never)).toThrow(NnError);
  });

  it('disposes the scope when fn throws, and rethrows', () => {
    let made: Tensor | undefined;
    expect(() => tidy(() => {
      made = tensor([1]);
      throw new Error('boom');
    })).toThrow('boom');
    expect(made!.isDisposed).toBe(true);
    expect(globalState().scopes).toHaveLength(0);
  });

  it('refuses an async function: tensors made after an await would belong to no scope', () => {
    expect(() => tidy(async () => tensor([1]))).toThrow(/synchronous/);
    expect(globalState().scopes).toHaveLength(0);
  });

  it('spares what a running valueAndGrad still needs for its backward pass', () => {
    // f = Σ exp(x)²: the tidy inside f must not dispose exp(x), which the VJP of square reads.
    const x = tensor([0.5, -1]);
    const g = grad((p) => sum(tidy(() => square(exp(p.x)))), { x });
    expect(g.x).toBeAllClose([2 * Math.exp(1), 2 * Math.exp(-2)], { atol: 1e-5 });
  });

  it('runs a training step without leaking: only the returned weights survive', () => {
    const params = { w: tensor([1, 2]) };
    const made: Tensor[] = [];
    const { backend, released } = spyBackend();
    withBackend(backend, () => {
      tidy(() => {
        const { value, grads } = valueAndGrad(() => sum(square(mul(params.w, 3))), params);
        made.push(value, grads.w);
        params.w = add(params.w, mul(grads.w, -0.01));
        return params;
      });
    });
    expect(made.every((t) => t.isDisposed)).toBe(true);
    expect(params.w.isDisposed).toBe(false);
    expect(params.w).toBeAllClose([1 - 0.01 * 18, 2 - 0.01 * 36]);
    expect(released.length).toBeGreaterThan(3);
  });
});

describe('dispose', () => {
  it('releases the storage through its backend once, and further use throws a DisposedError naming the op', () => {
    const { backend, released } = spyBackend();
    const t = withBackend(backend, () => exp(tensor([1, 2])));
    const storage = t.storage;
    dispose(t);
    dispose(t);
    expect(t.isDisposed).toBe(true);
    expect(released).toEqual([storage]);
    expect(() => t.dataSync()).toThrow(DisposedError);
    expect(() => t.dataSync()).toThrow(/^dataSync: got a \[2\] float32 tensor that was disposed/);
    expect(() => add(t, 1)).toThrow(/^add: got a \[2\] float32 tensor that was disposed/);
  });

  it('releases storage shared by several tensors (a reshape) only with the last of them', () => {
    const { backend, released } = spyBackend();
    const [a, b] = withBackend(backend, () => {
      const x = exp(tensor([1, 2, 3, 4]));
      return [x, reshape(x, [2, 2])];
    });
    expect(b.storage).toBe(a.storage);
    dispose(a);
    expect(released).toHaveLength(0);
    expect(b).toBeAllClose([[Math.E, Math.E ** 2], [Math.E ** 3, Math.E ** 4]]);
    dispose(b);
    expect(released).toHaveLength(1);
  });

  it('walks trees, and Symbol.dispose disposes too', () => {
    const tree = { a: tensor([1]), b: [tensor([2])] };
    dispose(tree);
    expect(tree.a.isDisposed && tree.b[0].isDisposed).toBe(true);
    const t = tensor([3]);
    t[Symbol.dispose]();
    expect(t.isDisposed).toBe(true);
  });

  it('works on a backend without a dispose hook', () => {
    const noHook = { ...cpuBackend, name: 'no-hook', dispose: undefined };
    const t = withBackend(noHook, () => exp(tensor([1])));
    expect(() => dispose(t)).not.toThrow();
  });

  it('still counts shared storage when a second copy of @nn/tensor made one of the tensors', async () => {
    vi.resetModules();
    const copy = await import('../ops/reshape');
    const { backend, released } = spyBackend();
    const [a, b] = withBackend(backend, () => {
      const x = exp(tensor([1, 2]));
      return [x, copy.reshape(x, [2, 1])];
    });
    dispose(a);
    expect(released).toHaveLength(0);
    dispose(b);
    expect(released).toHaveLength(1);
  });
});

describe('forEachTensor', () => {
  it('visits every tensor in nested arrays, plain objects and Maps, once per place, and nothing else', () => {
    const [a, b, c] = [tensor([1]), tensor([2]), tensor([3])];
    class Holder {
      readonly t = c;
    }
    const seen: Tensor[] = [];
    forEachTensor({ w: [a, { b, count: 3 }], m: new Map([['x', a]]), other: new Holder(), none: null, name: 'adam' }, (t) => seen.push(t));
    expect(seen).toEqual([a, b, a]);
  });

  it('ends on a tree that refers to itself', () => {
    const a = tensor([1]);
    const tree: { a: Tensor; self?: unknown } = { a };
    tree.self = tree;
    let visits = 0;
    forEachTensor(tree, () => visits++);
    // the walk keeps no visited set in its first 32 levels (shallow trees, walked every step, need none):
    // the cycle is followed to level 32 and cut there, so `a` is met once per level, 0 to 32
    expect(visits).toBe(33);
  });
});
