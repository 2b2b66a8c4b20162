import { type FloatDType, type Layer, type Params, type Rng, type Tensor, add, isTensor, matmul, randn, treeLeaves, valueAndGrad } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { expect } from 'vitest';
import type { Penalty } from './penalty';

/**
 * y = x·W + b with W: [inFeatures, outFeatures], for this package's tests (which may use nothing but
 * @nn/tensor): the same layout and parameter names as @nn/layers' `dense`. Not exported by the package.
 * @internal
 */
export function testLinear(inFeatures: number, outFeatures: number, rng: Rng, dtype: FloatDType = 'float32'): Layer<{ w: Tensor; b: Tensor }> {
  const params = { w: randn([inFeatures, outFeatures], { rng, dtype, std: 1 / Math.sqrt(inFeatures) }), b: randn([outFeatures], { rng, dtype, std: 0.1 }) };
  return {
    kind: 'testLinear',
    config: { inFeatures, outFeatures },
    params,
    forward: (x) => add(matmul(x, params.w), params.b),
  };
}

/** θ ← θ + u, in place on the tree's containers (what @nn/optim's applyUpdates does). @internal */
export function applyInPlace(params: Params, updates: Params): void {
  const target = params as { [key: string]: Params };
  const source = updates as { readonly [key: string]: Params };
  for (const key of Object.keys(target)) {
    const leaf = target[key];
    if (isTensor(leaf)) target[key] = add(leaf, source[key] as Tensor);
    else applyInPlace(leaf, source[key]);
  }
}

/** The values of a tensor as a plain array. @internal */
export function values(t: Tensor): number[] {
  return Array.from(t.dataSync());
}

/**
 * The checks every penalty must pass in float64: the loss term's autodiff gradient matches central
 * differences, and the closed-form `gradient` matches autodiff. @internal
 */
export function expectPenaltyGradients(penalty: Penalty, params: Params): void {
  expectGradClose((p) => penalty(p), params);
  const auto = treeLeaves(valueAndGrad((p) => penalty(p), params).grads);
  const closed = treeLeaves(penalty.gradient(params));
  expect(closed.length).toBe(auto.length);
  closed.forEach((g, i) => expect(g).toBeAllClose(auto[i], { rtol: 1e-10, atol: 1e-12 }));
}

/** A float64 tree with a weight matrix, a bias and a conv-shaped kernel, drawn from `rng`. @internal */
export function float64Params(rng: Rng): { dense: { w: Tensor; b: Tensor }; conv: { w: Tensor; b: Tensor } } {
  return {
    dense: { w: randn([3, 4], { rng, dtype: 'float64' }), b: randn([4], { rng, dtype: 'float64' }) },
    conv: { w: randn([2, 1, 2, 2], { rng, dtype: 'float64', std: 2 }), b: randn([2], { rng, dtype: 'float64' }) },
  };
}
