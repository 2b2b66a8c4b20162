import { type Params, type Tensor, ValueError, square, sum, tensor, valueAndGrad } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { chain } from '../chain';
import { describeOptimizerContract, quadratic } from '../testing';
import { scale } from '../transforms/scale';
import { backtrackingLinesearch } from './backtracking-linesearch';

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

describe('backtrackingLinesearch', () => {
  it('halves the step until f decreases enough: f = x² from 1 along d = −3', () => {
    // t = 1: f(−2) = 4 > 1 + 1e-4·1·(−6); t = ½: f(−0.5) = 0.25 ≤ 1 + 1e-4·½·(−6) = 0.9997 → u = −1.5
    const { calls, lossAndGrad } = bowl();
    const ls = backtrackingLinesearch();
    const [u] = ls.update(at(-3), ls.init(at(1)), at(1), { loss: 1, lossAndGrad });
    expect(u.x).toBeAllClose([-1.5]);
    expect(calls).toEqual([1, 4, 0.25]);
  });

  it('shrinks by the given factor and gives up after maxSteps with a zero step', () => {
    // shrink 0.1: t = 1 → f(−2) = 4; t = 0.1 → f(0.7) = 0.49 ≤ 1 − 6e-5 → u = −0.3
    const { lossAndGrad } = bowl();
    const ls = backtrackingLinesearch({ shrink: 0.1 });
    expect(ls.update(at(-3), ls.init(at(1)), at(1), { loss: 1, lossAndGrad })[0].x).toBeAllClose([-0.3]);
    const once = backtrackingLinesearch({ maxSteps: 1 });
    expect(once.update(at(-3), once.init(at(1)), at(1), { loss: 1, lossAndGrad })[0].x).toBeAllClose([0]);
  });

  it('names itself without ctx.lossAndGrad, and refuses bad settings', () => {
    const ls = backtrackingLinesearch();
    expect(() => ls.update(at(-1), ls.init(at(1)), at(1))).toThrow(/backtrackingLinesearch: needs ctx\.lossAndGrad/);
    expect(() => backtrackingLinesearch({ shrink: 1 })).toThrow(/shrink must be a finite number in \(0, 1\), got 1/);
    expect(() => backtrackingLinesearch({ c1: 0 })).toThrow(ValueError);
  });
});

// Steepest descent d = −g with the search as its step-size rule.
describeOptimizerContract('steepest descent with backtrackingLinesearch', () => chain(scale(-1), backtrackingLinesearch()), { solves: [quadratic] });
