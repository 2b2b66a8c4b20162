import { describe, expect, it } from 'vitest';
import { ShapeError, type Tensor, ValueError, createRng, grad, noGrad, sum, tensor, zeros } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { maxPool2d } from './max-pool2d';
import { randn64, weighted } from './test-helpers';

describe('maxPool2d', () => {
  const x = tensor([1, 5, 2, 0, 3, 4, -1, 6, 7, 8, 9, 1, 0, 2, 3, 4], [1, 1, 4, 4]);

  it('takes the maximum of each window, by hand', () => {
    // x = [[1,5,2,0],[3,4,-1,6],[7,8,9,1],[0,2,3,4]]; 2×2 windows at stride 2: max(1,5,3,4) = 5,
    // max(2,0,-1,6) = 6, max(7,8,0,2) = 8, max(9,1,3,4) = 9.
    expect(maxPool2d(x, { kernelSize: 2 }).toArray()).toEqual([[[[5, 6], [8, 9]]]]);
    // 3×3 windows at stride 1: max of rows 0–2 × cols 0–2 = 9, cols 1–3 = 9; rows 1–3: 9, 9.
    expect(maxPool2d(x, { kernelSize: 3, stride: 1 }).toArray()).toEqual([[[[9, 9], [9, 9]]]]);
  });

  it('pads with −∞, so padding never wins', () => {
    const neg = tensor([-5, -6, -7, -8], [1, 1, 2, 2]);
    // Padded by 1 to 4×4 at stride 2: each 2×2 window holds exactly one real element.
    expect(maxPool2d(neg, { kernelSize: 2, padding: 1 }).toArray()).toEqual([[[[-5, -6], [-7, -8]]]]);
  });

  it('drops the rows and columns a window would overhang (floor mode)', () => {
    expect(maxPool2d(zeros([2, 3, 7, 5]), { kernelSize: 2 }).shape).toEqual([2, 3, 3, 2]);
    expect(maxPool2d(zeros([1, 1, 7, 5]), { kernelSize: [3, 2], stride: [2, 1], padding: [1, 0] }).shape).toEqual([1, 1, 4, 4]);
  });

  it('sends the whole gradient of a tie to the first maximum in row-major order', () => {
    // The window [[1,3],[3,2]] has two 3s; only the first (row 0, column 1) receives the gradient.
    const g = grad((p) => sum(maxPool2d(p.x, { kernelSize: 2 })), { x: tensor([1, 3, 3, 2], [1, 1, 2, 2]) }).x;
    expect(g.toArray()).toEqual([[[[0, 1], [0, 0]]]]);
    // All equal: the top-left one takes it all.
    const flat = grad((p) => sum(maxPool2d(p.x, { kernelSize: 2 })), { x: tensor([4, 4, 4, 4], [1, 1, 2, 2]) }).x;
    expect(flat.toArray()).toEqual([[[[1, 0], [0, 0]]]]);
  });

  it('adds up the gradient of an element that wins overlapping windows', () => {
    // 2×2 windows at stride 1 over [[0,1,0],[0,9,0],[0,0,0]]: the 9 wins all four.
    const g = grad((p) => sum(maxPool2d(p.x, { kernelSize: 2, stride: 1 })), { x: tensor([0, 1, 0, 0, 9, 0, 0, 0, 0], [1, 1, 3, 3]) }).x;
    expect(g.toArray()).toEqual([[[[0, 0, 0], [0, 4, 0], [0, 0, 0]]]]);
  });

  it.each([
    { name: '2×2 at stride 2', xs: [2, 2, 4, 4], opts: { kernelSize: 2 } },
    { name: '3×3 at stride 1 (overlapping), padding 1', xs: [1, 2, 5, 4], opts: { kernelSize: 3, stride: 1, padding: 1 } },
    { name: '[3,2] at stride [2,1]', xs: [1, 2, 7, 5], opts: { kernelSize: [3, 2], stride: [2, 1] } },
  ] as const)('has the numerical gradient on random inputs without ties: $name', ({ xs, opts }) => {
    expectGradClose((p) => weighted(maxPool2d(p.x, opts)), { x: randn64([...xs], createRng(5)) });
  });

  it.each([
    { name: '2×2 at stride 2', xs: [3, 2, 6, 6], opts: { kernelSize: 2 } },
    { name: '3×3 at stride 1, padding 1', xs: [2, 3, 5, 4], opts: { kernelSize: 3, stride: 1, padding: 1 } },
    { name: '2×3 tiles over 7×8 (a row and 2 columns left over)', xs: [2, 2, 7, 8], opts: { kernelSize: [2, 3] } },
    { name: '2×2 at stride 2, padding 1', xs: [1, 3, 6, 5], opts: { kernelSize: 2, padding: 1 } },
  ] as const)('gives the same values, bit for bit, with and without a gradient being taken: $name', ({ xs, opts }) => {
    // ties (values rounded to halves), −0 beside 0, a NaN and a −∞: the two paths must agree on all of them
    const rng = createRng(9);
    const values = Array.from({ length: xs.reduce((a: number, b: number) => a * b, 1) }, () => Math.round(rng.normal() * 2) / 2);
    values[3] = -0;
    values[4] = 0;
    values[10] = Number.NaN;
    values[17] = -Infinity;
    const x = tensor(values, [...xs]);
    let traced: Tensor | undefined;
    grad((p) => {
      traced = maxPool2d(p.x, opts);
      return sum(traced);
    }, { x });
    const plain = Array.from(maxPool2d(x, opts).dataSync());
    expect(plain).toEqual(Array.from(traced!.dataSync()));
    expect(Array.from(noGrad(() => maxPool2d(x, opts)).dataSync())).toEqual(plain);
  });

  it('refuses bad input with the reason', () => {
    expect(() => maxPool2d(zeros([4, 4]), { kernelSize: 2 })).toThrow(new ShapeError('maxPool2d', 'expected input of shape [N,C,H,W], got [4,4]'));
    expect(() => maxPool2d(zeros([1, 1, 4, 4]), { kernelSize: 0 })).toThrow(
      new ValueError('maxPool2d', 'kernelSize must be a positive integer or a pair of them, got 0'),
    );
    expect(() => maxPool2d(zeros([1, 1, 4, 4]), { kernelSize: 2, stride: 0 })).toThrow(
      new ValueError('maxPool2d', 'stride must be a positive integer or a pair of them, got 0'),
    );
    expect(() => maxPool2d(zeros([1, 1, 4, 4]), { kernelSize: 3, padding: 2 })).toThrow(
      new ValueError('maxPool2d', 'padding must be at most half the kernel size, got padding [2,2] for kernel [3,3]'),
    );
    expect(() => maxPool2d(zeros([1, 1, 2, 4]), { kernelSize: 3 })).toThrow(
      new ShapeError('maxPool2d', 'kernel 3×3 is larger than the padded input 2×4 (input [1,1,2,4], padding 0)'),
    );
  });
});
