import {
  type GradientTransformation,
  type Params,
  type Tensor,
  type UpdateContext,
  add,
  cast,
  forEachTensor,
  isTensor,
  mapTree,
  mul,
  replayable,
  square,
  sub,
  sum,
  tensor,
  treeLeaves,
  valueAndGrad,
} from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { applyUpdates } from '../apply-updates';
import { countedState } from '../counted-state';
import { stateFromJSON, stateToJSON } from '../state-json';
import { minimize } from './minimize';
import type { TestProblem } from './problems';

export interface OptimizerContractOptions {
  /**
   * Problems whose minimum the optimizer must reach within each one's `steps` (and `tolerance`); state a
   * budget for this optimizer with `{ ...rosenbrock, steps: 8000, tolerance: 1e-2 }`.
   */
  readonly solves?: readonly TestProblem<any>[];
  /** Updates made before the state is saved, and again after it is restored. Default 5. */
  readonly steps?: number;
}

/**
 * The checks every optimizer passes (optax's `_common_test.py`), as a vitest suite: its state survives
 * a JSON round trip (stateToJSON → JSON text → stateFromJSON) unchanged, and continuing from the
 * restored state gives bit-identical updates; `update` leaves params and grads alone; its updates are
 * shaped like the grads (structure, shapes, dtypes); it runs on an all-float32 and an all-float64 copy
 * of the same tree, its updates in that dtype and its first updates equal up to float32 rounding; it
 * keeps its `sameOpsEveryStep` promise when it makes one (its update recorded once by `replayable`
 * replays equal to the eager updates, bit for bit, and each state is the last with every count one
 * higher), and its `retainsOnlyState` promise (the same updates when all an update replaced is disposed
 * right after it); and it reaches the minimum of each problem in `solves`. `makeOptimizer` must give a fresh
 * optimizer on every call.
 */
export function describeOptimizerContract(
  name: string,
  makeOptimizer: () => GradientTransformation<any>,
  { solves = [], steps = 5 }: OptimizerContractOptions = {},
): void {
  describe(`${name} (optimizer contract)`, () => {
    it('keeps its state through a JSON round trip and continues identically from it', () => {
      const opt = makeOptimizer();
      const params = treeProblem.init();
      let state = opt.init(params);
      for (let i = 0; i < steps; i++) [, state] = step(opt, params, state, i);

      const saved = stateToJSON(state);
      const text = JSON.stringify(saved);
      expect(JSON.parse(text)).toEqual(saved);
      const restored = stateFromJSON(JSON.parse(text));
      expect(stateToJSON(restored)).toEqual(saved);

      const twin = makeOptimizer();
      const paramsA = copyTree(params);
      const paramsB = copyTree(params);
      let stateA = state;
      let stateB = restored;
      for (let i = steps; i < 2 * steps; i++) {
        let updatesA: Params;
        let updatesB: Params;
        [updatesA, stateA] = step(opt, paramsA, stateA, i);
        [updatesB, stateB] = step(twin, paramsB, stateB, i);
        expect(leafData(updatesB)).toEqual(leafData(updatesA));
      }
    });

    it('leaves params and grads alone in update', () => {
      const opt = makeOptimizer();
      const params = treeProblem.init();
      let state = opt.init(params);
      for (let i = 0; i < steps; i++) {
        const leaves = treeLeaves(params);
        const before = leafData(params);
        const { grads, ctx } = gradsAndContext(params, i);
        const gradsBefore = leafData(grads);
        let updates: Params;
        [updates, state] = opt.update(grads, state, params, ctx);
        expect(treeLeaves(params).every((t, k) => t === leaves[k])).toBe(true);
        expect(leafData(params)).toEqual(before);
        expect(leafData(grads)).toEqual(gradsBefore);
        applyUpdates(params, updates);
      }
    });

    it('returns updates shaped like the grads', () => {
      const opt = makeOptimizer();
      const params = treeProblem.init();
      let state = opt.init(params);
      for (let i = 0; i < steps; i++) {
        const { grads, ctx } = gradsAndContext(params, i);
        let updates: Params;
        [updates, state] = opt.update(grads, state, params, ctx);
        expect(skeleton(updates)).toEqual(skeleton(grads));
        expect(treeLeaves(updates).every((u) => Array.from(u.dataSync()).every(Number.isFinite))).toBe(true);
        applyUpdates(params, updates);
      }
    });

    it('works in float32 and in float64: updates keep the params’ dtype and agree between the two', () => {
      const first: Record<string, number[][]> = {};
      for (const dtype of ['float32', 'float64'] as const) {
        const opt = makeOptimizer();
        const params = mapTree((t) => cast(t, dtype), treeProblem.init());
        let state = opt.init(params);
        for (let i = 0; i < steps; i++) {
          let updates: Params;
          [updates, state] = step(opt, params, state, i);
          expect(treeLeaves(updates).map((u) => u.dtype)).toEqual(treeLeaves(params).map(() => dtype));
          expect(treeLeaves(updates).every((u) => Array.from(u.dataSync()).every(Number.isFinite))).toBe(true);
          if (i === 0) first[dtype] = leafData(updates);
        }
      }
      // The first update from the same start: equal up to float32 rounding.
      first.float32.forEach((u, k) => expect(u).toBeAllClose(first.float64[k], { rtol: 1e-4, atol: 1e-6 }));
    });

    if (makeOptimizer().retainsOnlyState === true) {
      it('keeps its promise to retain nothing but its state: freeing all an update replaced leaves the next updates as they were', () => {
        const kept = makeOptimizer();
        const freeing = makeOptimizer();
        const paramsA = treeProblem.init();
        let paramsB = treeProblem.init();
        let stateA = kept.init(paramsA);
        let stateB = freeing.init(paramsB);
        for (let i = 0; i < 2 * steps; i++) {
          [, stateA] = step(kept, paramsA, stateA, i);
          const { grads, ctx } = gradsAndContext(paramsB, i);
          const [updates, next] = freeing.update(grads, stateB, paramsB, ctx);
          const nextParams = mapTree((p, u) => add(p, u), paramsB, updates);
          // what a training loop may free once the update ran: the gradients, the updates, the old params
          // and the old state's tensors, but for those the new state holds
          const holds = new Set<Tensor>();
          forEachTensor(next, (t) => holds.add(t));
          for (const t of [...treeLeaves(grads), ...treeLeaves(updates), ...treeLeaves(paramsB)]) if (!holds.has(t)) t.dispose();
          forEachTensor(stateB, (t) => { if (!holds.has(t)) t.dispose(); });
          expect(leafData(nextParams), `step ${i}: the params after it`).toEqual(leafData(paramsA));
          paramsB = nextParams;
          stateB = next;
        }
      });
    }

    if (makeOptimizer().sameOpsEveryStep === true) {
      it('keeps its promise of the same ops every step: a recorded update replays exactly, and each state is the last advanced', () => {
        const eager = makeOptimizer();
        const recorded = makeOptimizer();
        const paramsA = treeProblem.init();
        const paramsB = treeProblem.init();
        let stateA = eager.init(paramsA);
        let stateB = recorded.init(paramsB);
        // the state the recorded function reads (its tensors are the tree's), and what update last returned
        let current: unknown;
        let returned: unknown;
        let calls = 0;
        const replayed = replayable((tree: { params: Params; grads: Params; state: Tensor[] }) => {
          calls++;
          const [updates, next] = recorded.update(tree.grads, current, tree.params);
          returned = next;
          return { updates, state: countedState(next)?.tensors ?? [] };
        });
        for (let i = 0; i < 2 * steps; i++) {
          const a = lossAndGrad(paramsA).grads;
          const [updatesA, nextA] = eager.update(a, stateA, paramsA);
          const counted = countedState(stateA);
          expect(counted, 'a state of tensors, numbers, and plain arrays and objects of them').toBeDefined();
          expect(counted!.isAdvancedBy(nextA), `step ${i}: the state returned is the last one with each count one higher`).toBe(true);
          applyUpdates(paramsA, updatesA);
          stateA = nextA;

          const b = lossAndGrad(paramsB).grads;
          const countedB = countedState(stateB)!;
          current = stateB;
          const before = calls;
          const out = replayed({ params: paramsB, grads: b, state: countedB.tensors });
          expect(leafData(out.updates), `step ${i}: the replayed update equals the eager one`).toEqual(leafData(updatesA));
          applyUpdates(paramsB, out.updates);
          stateB = calls > before ? returned : countedB.advance(out.state);
        }
        // recorded twice, then replayed: the update ran the same ops with the same numbers
        expect(calls).toBe(2);
      });
    }

    solves.forEach((problem) => {
      it(`reaches the minimum of ${problem.name} within ${problem.steps} steps`, () => {
        const { params, losses } = minimize(makeOptimizer(), problem, problem.steps);
        const actual = treeLeaves(params).flatMap((t) => Array.from(t.dataSync()));
        const minimum = problem.minimum;
        const expected = Array.isArray(minimum) && minimum.every((v) => typeof v === 'number')
          ? (minimum as readonly number[])
          : treeLeaves(minimum as Params).flatMap((t) => Array.from(t.dataSync()));
        expect(actual).toHaveLength(expected.length);
        const worst = Math.max(...actual.map((v, i) => Math.abs(v - expected[i])));
        expect(
          worst <= problem.tolerance,
          `${name} on ${problem.name}: ended at [${actual.join(', ')}] (loss ${losses[losses.length - 1]}), ` +
            `${worst} from the minimum [${expected.join(', ')}]; tolerance ${problem.tolerance}`,
        ).toBe(true);
      });
    });
  });
}

/**
 * A small separable bowl over a tree that looks like a model's: nested objects and arrays, a matrix, a
 * vector, a scalar, float32 and float64 leaves. f = Σ_leaf Σ c·(θ − t)², computed in float64.
 */
const treeProblem = {
  init: (): Params => ({
    dense: { w: tensor([[0.5, -1], [2, 0.25]]), b: tensor([0.1, -0.3]) },
    extra: [tensor(1.5, [], 'float64'), tensor([-2, 0, 3], [3], 'float64')],
  }),
  loss(params: Params): Tensor {
    return treeLeaves(params)
      .map((leaf, k) => {
        const x = cast(leaf, 'float64');
        return sum(mul(k + 1, square(sub(x, 0.5 * k))));
      })
      .reduce((a, b) => add(a, b));
  },
};

function lossAndGrad(params: Params): { loss: number; grads: Params } {
  const { value, grads } = valueAndGrad(treeProblem.loss, params);
  return { loss: value.item(), grads };
}

function gradsAndContext(params: Params, i: number): { grads: Params; ctx: UpdateContext } {
  const { loss, grads } = lossAndGrad(params);
  return { grads, ctx: { loss, lossAndGrad, step: i } };
}

/** One update, applied to `params`; returns the updates and the new state. */
function step<S>(opt: GradientTransformation<S>, params: Params, state: S, i: number): [Params, S] {
  const { grads, ctx } = gradsAndContext(params, i);
  const [updates, next] = opt.update(grads, state, params, ctx);
  applyUpdates(params, updates);
  return [updates, next];
}

/** New objects and arrays around the same (immutable) tensors. */
function copyTree(params: Params): Params {
  return mapTree((t) => t, params);
}

function leafData(params: Params): number[][] {
  return treeLeaves(params).map((t) => Array.from(t.dataSync()));
}

/** The tree with each tensor replaced by its dtype and shape. */
function skeleton(tree: Params): unknown {
  if (isTensor(tree)) return { dtype: tree.dtype, shape: [...tree.shape] };
  if (Array.isArray(tree)) return tree.map(skeleton);
  return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, skeleton(v as Params)]));
}
