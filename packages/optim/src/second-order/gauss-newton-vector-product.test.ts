import { type Tensor, add, concat, matmul, mean, mul, neg, reshape, softplus, square, sum, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { toFlat } from './flat';
import { gaussNewtonVectorProduct } from './gauss-newton-vector-product';
import { hessianVectorProduct } from './hessian';

const f64 = (values: number[], shape = [values.length]) => tensor(values, shape, 'float64');

describe('gaussNewtonVectorProduct', () => {
  it('multiplies by JᵀH_L·J derived by hand', () => {
    // output z = (x², x·y), loss ½‖z‖² (H_L = I): J = [[2x, 0], [y, x]]; at (1, 2) J = [[2, 0], [2, 1]],
    // JᵀJ = [[8, 2], [2, 1]] and JᵀJ·(1, −1) = (6, 1)
    const output = (p: { x: Tensor; y: Tensor }) => concat([reshape(square(p.x), [1]), reshape(mul(p.x, p.y), [1])], 0);
    const loss = (z: Tensor) => mul(0.5, sum(square(z)));
    const gv = gaussNewtonVectorProduct(output, loss, { x: f64([1]), y: f64([2]) }, { x: f64([1]), y: f64([-1]) });
    expect(toFlat(gv)).toBeAllClose([6, 1]);
  });

  it('equals the Hessian-vector product when the output is linear in the params', () => {
    // z = X·w + b is linear, so the Hessian of loss(z(θ)) is exactly JᵀH_L·J
    const X = f64([1, 2, -1, 0.5, 0.3, -2], [3, 2]);
    const t = f64([1, -1, 1], [3, 1]);
    const output = (p: { w: Tensor; b: Tensor }) => add(matmul(X, p.w), p.b);
    const loss = (z: Tensor) => mean(softplus(neg(mul(t, z))));
    const params = { w: f64([0.2, -0.4], [2, 1]), b: f64([0.1]) };
    const v = { w: f64([1, 0.5], [2, 1]), b: f64([-2]) };
    const gv = gaussNewtonVectorProduct(output, loss, params, v);
    const hv = hessianVectorProduct((p: typeof params) => loss(output(p)), params, v);
    expect(toFlat(gv)).toBeAllClose(toFlat(hv), { rtol: 1e-12, atol: 1e-15 });
  });
});
