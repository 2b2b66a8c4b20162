import { describe, expect, it } from 'vitest';
import { grad } from '../autodiff/grad';
import { DTypeError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { tensor } from './creation';
import { sum } from './reduce';
import { abs, exp, log, neg, relu, sigmoid, sign, softplus, sqrt, square, tanh } from './unary';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

const mixed = () => ({ x: tensor([[-1.5, -0.3, 0.4], [0.7, 1.2, 2.1]], undefined, 'float64') });
const positive = () => ({ x: tensor([[0.5, 1.3, 2], [3.7, 0.2, 1]], undefined, 'float64') });

describe('neg', () => {
  it('negates', () => expect(neg(tensor([1, -2]))).toBeAllClose([-1, 2]));
  it('has gradient −1', () => expectGradClose((p) => weighted(neg(p.x)), mixed()));
  it('keeps float32 and float64', () => {
    expect(neg(tensor([1])).dtype).toBe('float32');
    expect(neg(tensor([1], [1], 'float64')).dtype).toBe('float64');
  });
  it('refuses int32', () => {
    expect(() => neg(tensor([1], [1], 'int32'))).toThrow(new DTypeError('neg', 'expected a float32 or float64 input, got int32'));
  });
});

describe('exp', () => {
  // e⁰ = 1, e¹ = 2.718281828…, e⁻¹ = 0.367879441…
  it('exponentiates', () => expect(exp(tensor([0, 1, -1]))).toBeAllClose([1, Math.E, 1 / Math.E], { rtol: 1e-6 }));
  it('has gradient eˣ', () => expectGradClose((p) => weighted(exp(p.x)), mixed()));
});

describe('log', () => {
  it('is ln, −∞ at 0 and NaN below', () => expect(log(tensor([1, Math.E, 0, -1], [4], 'float64'))).toBeAllClose([0, 1, -Infinity, NaN]));
  it('has gradient 1/x', () => expectGradClose((p) => weighted(log(p.x)), positive()));
});

describe('sqrt', () => {
  it('takes square roots', () => expect(sqrt(tensor([4, 0.25, 0]))).toBeAllClose([2, 0.5, 0]));
  it('has gradient 1/(2√x)', () => expectGradClose((p) => weighted(sqrt(p.x)), positive()));
});

describe('abs', () => {
  it('drops the sign', () => expect(abs(tensor([-2, 0, 3]))).toBeAllClose([2, 0, 3]));
  it('has gradient sign(x)', () => expectGradClose((p) => weighted(abs(p.x)), mixed()));
  it('has gradient 0 at 0', () => {
    expect(grad((p) => sum(abs(p.x)), { x: tensor([-2, 0, 3]) }).x).toBeAllClose([-1, 0, 1]);
  });
});

describe('sign', () => {
  it('gives −1, 0 or 1', () => expect(sign(tensor([-2, 0, 3]))).toBeAllClose([-1, 0, 1]));
  it('has gradient 0', () => {
    expect(grad((p) => weighted(sign(p.x)), mixed()).x).toBeAllClose([[0, 0, 0], [0, 0, 0]]);
  });
});

describe('tanh', () => {
  // tanh(ln 2) = (2 − ½)/(2 + ½) = 0.6
  it('is the hyperbolic tangent', () => expect(tanh(tensor([0, Math.LN2, -Math.LN2, 50]))).toBeAllClose([0, 0.6, -0.6, 1], { rtol: 1e-6 }));
  it('has gradient 1 − tanh²', () => expectGradClose((p) => weighted(tanh(p.x)), mixed()));
});

describe('sigmoid', () => {
  // σ(ln 3) = 1/(1 + ⅓) = 0.75, σ(−ln 3) = 0.25
  it('is the logistic function', () => expect(sigmoid(tensor([0, Math.log(3), -Math.log(3)]))).toBeAllClose([0.5, 0.75, 0.25], { rtol: 1e-6 }));
  it('saturates at ±1000 without overflow', () => expect(sigmoid(tensor([1000, -1000], [2], 'float64'))).toBeAllClose([1, 0]));
  it('has gradient σ(1 − σ)', () => expectGradClose((p) => weighted(sigmoid(p.x)), mixed()));
});

describe('relu', () => {
  it('clamps negatives to 0 and passes NaN', () => expect(relu(tensor([-1, 0, 2, NaN]))).toBeAllClose([0, 0, 2, NaN]));
  it('has gradient 1 above 0', () => expectGradClose((p) => weighted(relu(p.x)), mixed()));
  it('has gradient 0 at 0, as PyTorch', () => {
    expect(grad((p) => sum(relu(p.x)), { x: tensor([-1, 0, 2]) }).x).toBeAllClose([0, 0, 1]);
  });
});

describe('softplus', () => {
  // ln(1 + e⁰) = ln 2; ln(1 + 3) = ln 4
  it('is ln(1 + eˣ)', () => expect(softplus(tensor([0, Math.log(3)]))).toBeAllClose([Math.LN2, 2 * Math.LN2], { rtol: 1e-6 }));
  it('is exact for large |x|', () => expect(softplus(tensor([1000, -1000, 40], [3], 'float64'))).toBeAllClose([1000, 0, 40], { rtol: 1e-15 }));
  it('has gradient σ(x)', () => expectGradClose((p) => weighted(softplus(p.x)), mixed()));
});

describe('square', () => {
  it('squares', () => expect(square(tensor([-3, 0.5]))).toBeAllClose([9, 0.25]));
  it('has gradient 2x', () => expectGradClose((p) => weighted(square(p.x)), mixed()));
});
