import { type Tensor, add, grad, matmul, mul, square, sum, tanh, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { toFlat } from './flat';
import { hessian, hessianVectorProduct } from './hessian';

const f64 = (values: number[], shape = [values.length]) => tensor(values, shape, 'float64');

/** f(x, y) = x²y + y³: H = [[2y, 2x], [2x, 6y]]. */
const cubic = (p: { x: Tensor; y: Tensor }) => add(mul(square(p.x), p.y), mul(p.y, square(p.y)));

/** A small tanh layer's squared output: f(W, b) = Σ tanh(X·W + b)². */
const X = f64([0.3, -1.2, 0.8, 0.5, 2.0, -0.7], [3, 2]);
const layer = (p: { w: Tensor; b: Tensor }) => sum(square(tanh(add(matmul(X, p.w), p.b))));
const layerParams = () => ({ w: f64([0.4, -0.9, 1.1, 0.2], [2, 2]), b: f64([0.1, -0.3]) });

describe('hessianVectorProduct', () => {
  it('multiplies by the Hessian derived by hand', () => {
    // at (1, 2): H = [[4, 2], [2, 12]]; H·(1, −1) = (2, −10)
    const hv = hessianVectorProduct(cubic, { x: f64([1]), y: f64([2]) }, { x: f64([1]), y: f64([-1]) });
    expect(toFlat(hv)).toBeAllClose([2, -10]);
  });

  it('is the gradient of ∇f·v, which matches float64 finite differences', () => {
    const v = { w: f64([0.5, -1, 0.25, 2], [2, 2]), b: f64([-0.5, 1]) };
    const gv = (p: { w: Tensor; b: Tensor }) => {
      const hv = hessianVectorProduct(layer, p, v);
      return add(sum(mul(hv.w, v.w)), sum(hv.b));
    };
    // vᵀH(θ)v and the HVP's own gradient (third derivatives) are both checked against central differences
    expectGradClose(gv, layerParams());
  });

  it('matches central differences of the gradient', () => {
    const p = layerParams();
    const v = { w: f64([1, 0, -1, 0.5], [2, 2]), b: f64([0.2, 0]) };
    const eps = 1e-5;
    const gradAt = (s: number) => toFlat(grad(layer, { w: add(p.w, mul(v.w, s)), b: add(p.b, mul(v.b, s)) }));
    const [plus, minus] = [gradAt(eps), gradAt(-eps)];
    const numeric = plus.map((a, i) => (a - minus[i]) / (2 * eps));
    expect(toFlat(hessianVectorProduct(layer, p, v))).toBeAllClose(numeric, { rtol: 1e-6, atol: 1e-8 });
  });
});

describe('hessian', () => {
  it('forms the Hessian derived by hand, symmetric', () => {
    expect(hessian(cubic, { x: f64([1]), y: f64([2]) })).toBeAllClose([[4, 2], [2, 12]]);
  });

  it('agrees with Hessian-vector products column by column', () => {
    const h = hessian(layer, layerParams()).toArray() as number[][];
    const v = [0, 0, 1, 0, 0, 0];
    const hv = toFlat(hessianVectorProduct(layer, layerParams(), { w: f64([0, 0, 1, 0], [2, 2]), b: f64([0, 0]) }));
    expect(h.map((row) => row.reduce((s, hij, j) => s + hij * v[j], 0))).toBeAllClose(hv, { rtol: 1e-12 });
  });
});
