import { describe, expect, it } from 'vitest';
import { valueAndGrad } from '../autodiff/grad';
import { DTypeError, ShapeError, ValueError } from '../errors';
import { add, mul } from '../ops/binary';
import { fromTypedArray, tensor, zerosLike } from '../ops/creation';
import { sum } from '../ops/reduce';
import { sqrt, square } from '../ops/unary';
import { createRng } from './rng';
import type { Tensor } from '../tensor';
import { tidy } from '../memory/tidy';
import { addKeyedNormal } from './add-keyed-normal';
import { addNormScaledNormal, fillNormScaledNormal } from './add-norm-scaled-normal';
import { fillKeyedNormal } from './keyed-stream';

const rng = createRng(5);
const f32 = (shape: number[], scale = 1) => fromTypedArray(rng.fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1))).map((v) => v * scale), shape, 'float32');

describe('addNormScaledNormal', () => {
  const y = f32([9, 13]);
  const x = f32([9, 21], 0.5);

  it('adds std·√(‖x_r‖² + extra)·z to each row of y, z the keyed stream’s normals', () => {
    for (const extra of [0, 1]) {
      const out = addNormScaledNormal(y, x, [7, 11], 0.3, extra).dataSync();
      const z = fillKeyedNormal(new Float32Array(9 * 13), [7, 11], 0, 1);
      const [yd, xd] = [y.dataSync(), x.dataSync()];
      for (let r = 0; r < 9; r++) {
        let ss = 0;
        for (let k = 0; k < 21; k++) ss += xd[r * 21 + k] ** 2;
        for (let j = 0; j < 13; j++) expect(out[r * 13 + j]).toBeCloseTo(yd[r * 13 + j] + 0.3 * Math.sqrt(ss + extra) * z[r * 13 + j], 5);
      }
    }
  });

  it('is its TypeScript twin bit for bit, in y’s shape, over any leading axes', () => {
    const y3 = f32([2, 3, 5]);
    const x3 = f32([2, 3, 4]);
    const out = addNormScaledNormal(y3, x3, [1, 2], 0.1, 1);
    expect(out.shape).toEqual([2, 3, 5]);
    expect(out.dataSync()).toEqual(fillNormScaledNormal(6, 5, 4, [1, 2], 0.1, 1, y3.dataSync() as Float32Array, x3.dataSync() as Float32Array).out);
  });

  it('has the gradient of its op chain y + z·std·√(Σx² + extra) in y and in x', () => {
    const c = f32([9, 13]);
    for (const extra of [0, 1]) {
      const fused = valueAndGrad(({ y: a, x: b }) => sum(mul(addNormScaledNormal(a, b, [3, 4], 0.2, extra), c)), { y, x }).grads;
      const chain = valueAndGrad(({ y: a, x: b }) => {
        const spread = mul(sqrt(add(sum(square(b), -1, true), extra)), 0.2);
        return sum(mul(add(a, mul(addKeyedNormal(zerosLike(a), [3, 4], 1), spread)), c));
      }, { y, x }).grads;
      expect(fused.y.dataSync()).toEqual(c.dataSync());
      const [got, want] = [fused.x.dataSync(), chain.x.dataSync()];
      for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i], 5);
    }
  });

  it('has the second derivatives of its op chain (a Hessian-vector product through it)', () => {
    const xs = f32([3, 4], 0.7);
    const ys = f32([3, 2]);
    const [c, v] = [f32([3, 2]), f32([3, 4])];
    // d/dx of ⟨∂L/∂x, v⟩ for L = Σ c ⊙ out: the Hessian of L in x times v
    const hvp = (out: (a: Tensor, b: Tensor) => Tensor) => valueAndGrad(({ x: b }) => {
      const inner = valueAndGrad(({ x: bb }) => sum(mul(out(ys, bb), c)), { x: b }).grads.x;
      return sum(mul(inner, v));
    }, { x: xs }).grads.x.dataSync();
    for (const extra of [0, 1]) {
      const got = hvp((a, b) => addNormScaledNormal(a, b, [5, 6], 0.4, extra));
      const want = hvp((a, b) => add(a, mul(addKeyedNormal(zerosLike(a), [5, 6], 1), mul(sqrt(add(sum(square(b), -1, true), extra)), 0.4))));
      expect(Array.from(got).some((h) => h !== 0)).toBe(true);
      for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i], 4);
    }
  });

  it('keeps what its gradient needs when the forward pass ran in a tidy scope of its own', () => {
    const c = f32([9, 13]);
    const inScope = valueAndGrad(({ x: b }) => sum(mul(tidy(() => addNormScaledNormal(y, b, [3, 4], 0.2)), c)), { x }).grads.x.dataSync();
    const plain = valueAndGrad(({ x: b }) => sum(mul(addNormScaledNormal(y, b, [3, 4], 0.2), c)), { x }).grads.x.dataSync();
    expect(inScope).toEqual(plain);
  });

  it('gives a zero gradient, not NaN, to a row of zeros without extra', () => {
    const xz = fromTypedArray(new Float32Array(2 * 3), [2, 3], 'float32');
    const { grads } = valueAndGrad(({ x: b }) => sum(addNormScaledNormal(f32([2, 4]), b, [1, 1], 0.5)), { x: xz });
    expect(Array.from(grads.x.dataSync())).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('refuses bad operands and settings, naming the op', () => {
    expect(() => addNormScaledNormal(tensor([1], [1, 1], 'float64'), x, [1, 2], 1)).toThrow(new DTypeError('addNormScaledNormal', 'expected float32 tensors, got y float64 and x float32'));
    expect(() => addNormScaledNormal(y, f32([8, 21]), [1, 2], 1)).toThrow(new ShapeError('addNormScaledNormal', 'expected y [..., cols] and x [..., xCols] with the same leading axes, got y [9,13] and x [8,21]'));
    expect(() => addNormScaledNormal(y, f32([9]), [1, 2], 1)).toThrow(ShapeError);
    expect(() => addNormScaledNormal(y, x, [1, 2], -1)).toThrow(new ValueError('addNormScaledNormal', 'std must be a finite number ≥ 0, got -1'));
    expect(() => addNormScaledNormal(y, x, [1, 2], 1, NaN)).toThrow(new ValueError('addNormScaledNormal', 'extra must be a finite number ≥ 0, got NaN'));
  });
});
