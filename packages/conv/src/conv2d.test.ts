import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, type Tensor, ValueError, createRng, tensor, zeros } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { conv2d } from './conv2d';
import { randn64, weighted } from './test-helpers';

/** The definition, looped: y[n,o,oy,ox] = b[o] + Σ_{c,i,j} w[o,c,i,j]·x[n, c, oy·sh + i·dh − ph, ox·sw + j·dw − pw] (0 outside). */
function naiveConv2d(x: Tensor, w: Tensor, b: Tensor | null, [sh, sw]: number[], [ph, pw]: number[], [dh, dw]: number[]): { data: number[]; shape: number[] } {
  const [n, c, h, wd] = x.shape;
  const [o, , kh, kw] = w.shape;
  const xd = x.dataSync();
  const wdata = w.dataSync();
  const ho = Math.floor((h + 2 * ph - dh * (kh - 1) - 1) / sh) + 1;
  const wo = Math.floor((wd + 2 * pw - dw * (kw - 1) - 1) / sw) + 1;
  const data: number[] = [];
  for (let s = 0; s < n; s++) {
    for (let oc = 0; oc < o; oc++) {
      for (let oy = 0; oy < ho; oy++) {
        for (let ox = 0; ox < wo; ox++) {
          let acc = b === null ? 0 : b.dataSync()[oc];
          for (let ch = 0; ch < c; ch++) {
            for (let i = 0; i < kh; i++) {
              for (let j = 0; j < kw; j++) {
                const y = oy * sh + i * dh - ph;
                const xx = ox * sw + j * dw - pw;
                if (y < 0 || y >= h || xx < 0 || xx >= wd) continue;
                acc += wdata[((oc * c + ch) * kh + i) * kw + j] * xd[((s * c + ch) * h + y) * wd + xx];
              }
            }
          }
          data.push(acc);
        }
      }
    }
  }
  return { data, shape: [n, o, ho, wo] };
}

describe('conv2d', () => {
  const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 3, 3]);
  const w = tensor([1, 2, 3, 4], [1, 1, 2, 2]);

  it('cross-correlates a small input, by hand', () => {
    // x = [[1,2,3],[4,5,6],[7,8,9]], w = [[1,2],[3,4]], b = 1, no flip:
    //   y00 = 1·1 + 2·2 + 4·3 + 5·4 + 1 = 38    y01 = 2·1 + 3·2 + 5·3 + 6·4 + 1 = 48
    //   y10 = 4·1 + 5·2 + 7·3 + 8·4 + 1 = 68    y11 = 5·1 + 6·2 + 8·3 + 9·4 + 1 = 78
    expect(conv2d(x, w, tensor([1])).toArray()).toEqual([[[[38, 48], [68, 78]]]]);
  });

  it('pads with zeros and strides, by hand', () => {
    // Padded by 1 to 5×5, stride 2: Ho = floor((3 + 2 − 1 − 1) / 2) + 1 = 2. Each window starts at (−1 + 2·oy, −1 + 2·ox):
    //   (−1,−1) sees only x00 = 1 under w11 = 4 → 4         (−1, 1) sees x01 = 2, x02 = 3 under w10, w11 → 6 + 12 = 18
    //   ( 1,−1) sees x10 = 4, x20 = 7 under w01, w11 → 8 + 28 = 36   (1, 1) sees x11, x12, x21, x22 → 5 + 12 + 24 + 36 = 77
    expect(conv2d(x, w, null, { padding: 1, stride: 2 }).toArray()).toEqual([[[[4, 18], [36, 77]]]]);
  });

  it.each([
    { name: 'C=1 O=1, stride 1, no padding', xs: [2, 1, 7, 6], ws: [1, 1, 3, 3], stride: [1, 1], padding: [0, 0], dilation: [1, 1] },
    { name: 'C=2 O=3, stride 2, padding 1, 3×2 kernel', xs: [3, 2, 9, 7], ws: [3, 2, 3, 2], stride: [2, 2], padding: [1, 1], dilation: [1, 1] },
    { name: 'C=3 O=2, stride [2,3], padding [2,0]', xs: [1, 3, 8, 11], ws: [2, 3, 5, 4], stride: [2, 3], padding: [2, 0], dilation: [1, 1] },
    { name: 'C=2 O=2, dilation [2,3], padding 2', xs: [2, 2, 10, 9], ws: [2, 2, 3, 3], stride: [1, 2], padding: [2, 2], dilation: [2, 3] },
    { name: 'C=4 O=5, 1×1 kernel', xs: [2, 4, 3, 5], ws: [5, 4, 1, 1], stride: [1, 1], padding: [0, 0], dilation: [1, 1] },
  ])('matches a direct loop on random inputs of awkward shapes: $name', ({ xs, ws, stride, padding, dilation }) => {
    const rng = createRng(3);
    const xr = randn64(xs, rng);
    const wr = randn64(ws, rng);
    const br = randn64([ws[0]], rng);
    const expected = naiveConv2d(xr, wr, br, stride, padding, dilation);
    const y = conv2d(xr, wr, br, { stride: stride as [number, number], padding: padding as [number, number], dilation: dilation as [number, number] });
    expect(y.shape).toEqual(expected.shape);
    expect(y.dataSync()).toBeAllClose(expected.data, { rtol: 1e-12, atol: 1e-12 });
  });

  it("keeps the size with padding 'same' at stride 1 and gives ceil(H / s) at stride 2", () => {
    const xr = randn64([1, 2, 7, 6], createRng(4));
    expect(conv2d(xr, zeros([3, 2, 3, 3], 'float64'), null, { padding: 'same' }).shape).toEqual([1, 3, 7, 6]);
    expect(conv2d(xr, zeros([3, 2, 4, 2], 'float64'), null, { padding: 'same' }).shape).toEqual([1, 3, 7, 6]);
    expect(conv2d(xr, zeros([3, 2, 3, 3], 'float64'), null, { padding: 'same', stride: 2 }).shape).toEqual([1, 3, 4, 3]);
    expect(conv2d(xr, zeros([3, 2, 3, 3], 'float64'), null, { padding: 'valid' }).shape).toEqual([1, 3, 5, 4]);
  });

  it("puts the odd one of 'same' padding at the bottom and right, as TensorFlow does", () => {
    // A 2×2 kernel of ones on [[1,2],[3,4]] at stride 1 pads one row below and one column right:
    //   y00 = 1 + 2 + 3 + 4 = 10, y01 = 2 + 4 = 6, y10 = 3 + 4 = 7, y11 = 4.
    const y = conv2d(tensor([1, 2, 3, 4], [1, 1, 2, 2]), tensor([1, 1, 1, 1], [1, 1, 2, 2]), null, { padding: 'same' });
    expect(y.toArray()).toEqual([[[[10, 6], [7, 4]]]]);
  });

  describe('gradients (float64 central differences) with respect to x, w and b', () => {
    it.each([
      { name: 'C=1 O=1, stride 1, padding 0', xs: [1, 1, 5, 5], ws: [1, 1, 3, 3], opts: {} },
      { name: 'C=2 O=2, stride 2, padding 1', xs: [2, 2, 5, 4], ws: [2, 2, 3, 2], opts: { stride: 2, padding: 1 } },
      { name: 'C=3 O=2, stride 1, padding 2', xs: [1, 3, 4, 4], ws: [2, 3, 3, 3], opts: { padding: 2 } },
      { name: 'C=2 O=1, stride 2, padding 2', xs: [1, 2, 5, 5], ws: [1, 2, 2, 3], opts: { stride: 2, padding: 2 } },
      { name: 'C=1 O=2, stride [1,2], padding [0,1]', xs: [2, 1, 4, 5], ws: [2, 1, 2, 2], opts: { stride: [1, 2], padding: [0, 1] } },
      { name: 'C=2 O=2, dilation 2, padding 1', xs: [1, 2, 6, 6], ws: [2, 2, 3, 3], opts: { dilation: 2, padding: 1 } },
      { name: "C=2 O=2, padding 'same', stride 2", xs: [1, 2, 5, 4], ws: [2, 2, 2, 3], opts: { padding: 'same', stride: 2 } },
    ] as const)('$name', ({ xs, ws, opts }) => {
      const rng = createRng(11);
      const params = { x: randn64([...xs], rng), w: randn64([...ws], rng), b: randn64([ws[0]], rng) };
      expectGradClose((p) => weighted(conv2d(p.x, p.w, p.b, opts)), params);
    });

    it('without a bias', () => {
      const rng = createRng(12);
      expectGradClose((p) => weighted(conv2d(p.x, p.w)), { x: randn64([1, 2, 4, 4], rng), w: randn64([3, 2, 2, 2], rng) });
    });
  });

  describe('refuses bad input with the reason', () => {
    const x4 = zeros([2, 4, 5, 5]);
    const w3 = zeros([2, 3, 3, 3]);

    it('a channel count that differs from the weights', () => {
      expect(() => conv2d(x4, w3)).toThrow(new ShapeError('conv2d', 'expected input of shape [N,C,H,W] with C = 3, got [2,4,5,5]'));
    });
    it('inputs and weights of the wrong rank', () => {
      expect(() => conv2d(zeros([4, 5, 5]), w3)).toThrow(new ShapeError('conv2d', 'expected input of shape [N,C,H,W], got [4,5,5]'));
      expect(() => conv2d(x4, zeros([3, 3]))).toThrow(new ShapeError('conv2d', 'expected weights of shape [O,C,kh,kw], got [3,3]'));
    });
    it('a bias of the wrong size or dtype', () => {
      expect(() => conv2d(zeros([1, 3, 5, 5]), w3, zeros([3]))).toThrow(new ShapeError('conv2d', 'expected bias of shape [O] = [2], got [3]'));
      expect(() => conv2d(zeros([1, 3, 5, 5]), w3, zeros([2], 'float64'))).toThrow(DTypeError);
    });
    it('a kernel larger than the padded input', () => {
      expect(() => conv2d(zeros([1, 3, 2, 5]), w3)).toThrow(
        new ShapeError('conv2d', 'kernel 3×3 is larger than the padded input 2×5 (input [1,3,2,5], padding 0)'),
      );
      expect(() => conv2d(zeros([1, 3, 4, 4]), w3, null, { dilation: 2 })).toThrow(
        new ShapeError('conv2d', 'kernel 3×3 (5×5 with dilation 2) is larger than the padded input 4×4 (input [1,3,4,4], padding 0)'),
      );
      expect(conv2d(zeros([1, 3, 2, 2]), w3, null, { padding: 1 }).shape).toEqual([1, 2, 2, 2]);
    });
    it('non-positive strides and dilations, negative or unknown paddings', () => {
      const x = zeros([1, 3, 5, 5]);
      expect(() => conv2d(x, w3, null, { stride: 0 })).toThrow(new ValueError('conv2d', 'stride must be a positive integer or a pair of them, got 0'));
      expect(() => conv2d(x, w3, null, { stride: [1, 1.5] })).toThrow(new ValueError('conv2d', 'stride must be a positive integer or a pair of them, got [1,1.5]'));
      expect(() => conv2d(x, w3, null, { dilation: -1 })).toThrow(new ValueError('conv2d', 'dilation must be a positive integer or a pair of them, got -1'));
      expect(() => conv2d(x, w3, null, { padding: -1 })).toThrow(new ValueError('conv2d', 'padding must be a non-negative integer or a pair of them, got -1'));
      expect(() => conv2d(x, w3, null, { padding: 'full' as 'same' })).toThrow(
        new ValueError('conv2d', "padding must be a non-negative integer, a pair of them, 'same' or 'valid', got 'full'"),
      );
    });
    it('mixed dtypes and integer tensors', () => {
      expect(() => conv2d(zeros([1, 3, 5, 5], 'float64'), w3)).toThrow(
        new DTypeError('conv2d', "input is float64 but weights are float32; cast one with cast(x, 'float32')"),
      );
      expect(() => conv2d(zeros([1, 3, 5, 5], 'int32'), w3)).toThrow(new DTypeError('conv2d', 'expected a float32 or float64 input, got int32'));
    });
  });
});
