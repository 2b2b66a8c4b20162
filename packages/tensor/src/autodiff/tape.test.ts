import { describe, expect, it } from 'vitest';
import { globalState } from '../global-state';
import { add, mul } from '../ops/binary';
import { tensor } from '../ops/creation';
import { sum } from '../ops/reduce';
import { square } from '../ops/unary';
import { grad } from './grad';
import { Tape, isTraced, noGrad, recordCustom } from './tape';

describe('noGrad', () => {
  it('returns the value of its function', () => {
    expect(noGrad(() => 42)).toBe(42);
  });

  it('records nothing: a value computed inside is a constant', () => {
    const g = grad((p) => noGrad(() => sum(square(p.x))), { x: tensor([1, 2]) });
    expect(g.x).toBeAllClose([0, 0]);
  });

  it('leaves the ops outside it differentiable', () => {
    // f = Σ(x² held constant)·x + Σx²: ∂f/∂x = Σx²·1 + 2x
    const g = grad((p) => {
      const c = noGrad(() => sum(square(p.x)));
      return add(sum(mul(c, p.x)), sum(square(p.x)));
    }, { x: tensor([1, 2]) });
    expect(g.x).toBeAllClose([7, 9]);
  });

  it('nests and restores recording afterwards, also after a throw', () => {
    const state = globalState();
    const depth = state.noGradDepth;
    noGrad(() => noGrad(() => expect(state.noGradDepth).toBe(depth + 2)));
    expect(() => noGrad(() => { throw new Error('boom'); })).toThrow('boom');
    expect(state.noGradDepth).toBe(depth);
  });
});

describe('isTraced', () => {
  it('is true inside grad for a parameter and what depends on it, false for constants, outside, and under noGrad', () => {
    const c = tensor([3]);
    const seen: boolean[] = [];
    grad((p) => {
      const y = mul(p.x, c);
      seen.push(isTraced(p.x), isTraced(y), isTraced(c), noGrad(() => isTraced(p.x)));
      return sum(y);
    }, { x: tensor([1]) });
    expect(seen).toEqual([true, true, false, false]);
    expect(isTraced(c)).toBe(false);
  });
});

describe('Tape', () => {
  it('tracks the tensors it watches', () => {
    const tape = new Tape();
    const x = tensor([1]);
    tape.watch(x);
    expect(tape.tracked.has(x.id)).toBe(true);
    expect(tape.nodes).toHaveLength(0);
  });

  it('records only ops that depend on a watched tensor', () => {
    const tape = new Tape();
    const x = tensor([1]);
    const y = tensor([2]);
    tape.watch(x);
    const state = globalState();
    state.tapes.push(tape);
    try {
      mul(y, y); // independent of x: not recorded
      const z = add(x, y);
      square(z);
    } finally {
      state.tapes.pop();
    }
    expect(tape.nodes.map((n) => n.primitive)).toEqual(['add', 'square']);
  });
});

describe('recordCustom', () => {
  /** y = 3·x computed outside the primitives, with the rule g ↦ 3g (or a wrong one, to see which is used). */
  const tripled = (x: ReturnType<typeof tensor>, factor = 3) => {
    const y = tensor(Array.from(x.dataSync(), (v) => 3 * v), [...x.shape]);
    recordCustom([x], y, (g, needed) => [needed[0] ? mul(g, factor) : null]);
    return y;
  };

  it('makes valueAndGrad use its rule for the output', () => {
    const g = grad((p) => sum(mul(tripled(p.x), tensor([1, 2]))), { x: tensor([5, 7]) });
    expect(g.x).toBeAllClose([3, 6]);
    expect(grad((p) => sum(tripled(p.x, 10)), { x: tensor([5, 7]) }).x).toBeAllClose([10, 10]);
  });

  it('records nothing under noGrad or for untracked inputs: the output is then a constant', () => {
    expect(grad((p) => sum(add(p.x, noGrad(() => tripled(p.x)))), { x: tensor([1, 2]) }).x).toBeAllClose([1, 1]);
    const c = tensor([1, 1]);
    expect(grad((p) => sum(mul(p.x, tripled(c))), { x: tensor([1, 2]) }).x).toBeAllClose([3, 3]);
    expect(isTraced(tripled(c))).toBe(false);
  });
});
