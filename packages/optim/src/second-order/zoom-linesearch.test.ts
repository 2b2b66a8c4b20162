import { type Params, type Tensor, ValueError, square, sum, tensor, valueAndGrad } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { chain } from '../chain';
import { describeOptimizerContract, quadratic } from '../testing';
import { scale } from '../transforms/scale';
import { zoomLinesearch } from './zoom-linesearch';

/** f(x) = Σx², float64, with a count of evaluations. */
function bowl() {
  const calls: number[] = [];
  const lossAndGrad = (p: Params) => {
    const { value, grads } = valueAndGrad((q: { x: Tensor }) => sum(square(q.x)), p as { x: Tensor });
    calls.push(value.item());
    return { loss: value.item(), grads };
  };
  return { calls, lossAndGrad };
}
const at = (v: number) => ({ x: tensor([v], [1], 'float64') });

describe('zoomLinesearch', () => {
  it('zooms into an overshooting step: f = x² from 1 along d = −3 stops at t = 1/3', () => {
    // t = 1 lands at −2 (f = 4 > 1 + c1·(−6)), so [0, 1] brackets; the cubic through φ(0) = 1,
    // φ'(0) = −6, φ(1) = 4, φ'(1) = 12 gives t = 1/3, where φ' = 0: the update is −1
    const { calls, lossAndGrad } = bowl();
    const ls = zoomLinesearch();
    const [u, state] = ls.update(at(-3), ls.init(at(1)), at(1), { loss: 1, lossAndGrad });
    expect(u.x).toBeAllClose([-1], { rtol: 1e-12, atol: 1e-14 });
    expect(calls).toHaveLength(3); // at x, at t = 1, at t = 1/3
    expect(state.memo?.loss).toBeCloseTo(0, 20);
  });

  it('extrapolates a step that is too short, up to 10 times', () => {
    // d = −0.05 from 1: φ(1) = 0.9025, φ'(1) = −0.095, |φ'(1)| > 0.9·|φ'(0)| = 0.09, so it extrapolates
    // by the cubic (here the quadratic's minimizer t = 20) clamped to [1.01, 10]: t = 10, φ'(10) = −0.05
    const { lossAndGrad } = bowl();
    const ls = zoomLinesearch();
    const [u] = ls.update(at(-0.05), ls.init(at(1)), at(1), { loss: 1, lossAndGrad });
    expect(u.x).toBeAllClose([-0.5], { rtol: 1e-12 });
  });

  it('reuses the loss and gradient where it stopped when the next search starts there', () => {
    const { calls, lossAndGrad } = bowl();
    const ls = zoomLinesearch();
    const [, state] = ls.update(at(-0.5), ls.init(at(1)), at(1), { loss: 1, lossAndGrad });
    // accepted t = 1 (φ'(1) = −0.5 ≤ 0.9·1): x = 0.5, f = 0.25; the next search from 0.5 evaluates only trial points
    expect(calls).toEqual([1, 0.25]);
    ls.update(at(-0.5), state, at(0.5), { loss: 0.25, lossAndGrad });
    expect(calls[2]).toBe(0); // straight to the trial point 0
    ls.update(at(-0.5), state, at(0.5), { loss: 0.3, lossAndGrad }); // another function (a new batch): evaluates x again
    expect(calls.slice(3)).toEqual([0.25, 0]);
  });

  it('treats a non-finite loss at a trial step as a step too long', () => {
    // f = x² inside |x| ≤ 1.5 and +∞ outside: t = 1 from 1 along −3 lands on −2 (f = ∞), so [0, 1]
    // brackets; the cubic through ∞ is undefined, so it bisects: t = ½ gives x = −0.5, f = 0.25 and
    // |φ'(½)| = |2·(−0.5)·(−3)| = 3 ≤ 0.9·6, both conditions hold, u = −1.5
    const lossAndGrad = (p: Params) => {
      const x = (p as { x: Tensor }).x.item();
      return { loss: Math.abs(x) <= 1.5 ? x * x : Infinity, grads: at(2 * x) };
    };
    const ls = zoomLinesearch();
    const [u] = ls.update(at(-3), ls.init(at(1)), at(1), { loss: 1, lossAndGrad });
    expect(u.x).toBeAllClose([-1.5]);
  });

  it('emits zeros along a direction that does not descend', () => {
    const { lossAndGrad } = bowl();
    const ls = zoomLinesearch();
    const [u] = ls.update(at(1), ls.init(at(1)), at(1), { loss: 1, lossAndGrad });
    expect(u.x).toBeAllClose([0]);
  });

  it('names itself without ctx.lossAndGrad, and refuses bad constants', () => {
    const ls = zoomLinesearch();
    expect(() => ls.update(at(-1), ls.init(at(1)), at(1))).toThrow(/zoomLinesearch: needs ctx\.lossAndGrad/);
    expect(() => zoomLinesearch({ c1: 0.5, c2: 0.1 })).toThrow(ValueError);
    expect(() => zoomLinesearch({ c1: 0.5, c2: 0.1 })).toThrow(/needs 0 < c1 < c2 < 1, got c1 = 0.5 and c2 = 0.1/);
    expect(() => zoomLinesearch({ c2: 1 })).toThrow(/c2 must be a finite number in \(0, 1\), got 1/);
    expect(() => zoomLinesearch({ maxSteps: 0 })).toThrow(/maxSteps must be an integer ≥ 1, got 0/);
  });
});

// Steepest descent d = −g with the search as its step-size rule.
describeOptimizerContract('steepest descent with zoomLinesearch', () => chain(scale(-1), zoomLinesearch()), { solves: [quadratic] });
