import { describe, expect, it } from 'vitest';
import { ValueError, createRng, grad, sum, tensor, zeros } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { avgPool2d } from './avg-pool2d';
import { randn64, weighted } from './test-helpers';

describe('avgPool2d', () => {
  const x = tensor([1, 5, 2, 0, 3, 4, -1, 6, 7, 8, 9, 1, 0, 2, 3, 4], [1, 1, 4, 4]);

  it('takes the mean of each window, by hand', () => {
    // (1 + 5 + 3 + 4)/4 = 3.25, (2 + 0 − 1 + 6)/4 = 1.75, (7 + 8 + 0 + 2)/4 = 4.25, (9 + 1 + 3 + 4)/4 = 4.25
    expect(avgPool2d(x, { kernelSize: 2 }).toArray()).toEqual([[[[3.25, 1.75], [4.25, 4.25]]]]);
  });

  it('counts the padding by default (PyTorch), or not with countIncludePad: false', () => {
    const ones = tensor([1, 1, 1, 1], [1, 1, 2, 2]);
    // Padded by 1 to 4×4, 2×2 windows at stride 2 each hold one 1 and three padded zeros.
    expect(avgPool2d(ones, { kernelSize: 2, padding: 1 }).toArray()).toEqual([[[[0.25, 0.25], [0.25, 0.25]]]]);
    expect(avgPool2d(ones, { kernelSize: 2, padding: 1, countIncludePad: false }).toArray()).toEqual([[[[1, 1], [1, 1]]]]);
    // 3×3 at stride 1, padding 1 over a 2×2 of ones: every window covers all four real elements, 9 slots.
    expect(avgPool2d(ones, { kernelSize: 3, stride: 1, padding: 1, countIncludePad: false }).toArray()).toEqual([[[[1, 1], [1, 1]]]]);
  });

  it('spreads each output gradient evenly over its window', () => {
    const g = grad((p) => sum(avgPool2d(p.x, { kernelSize: 2, stride: 1 })), { x: zeros([1, 1, 3, 3]) }).x;
    expect(g.toArray()).toEqual([[[[0.25, 0.5, 0.25], [0.5, 1, 0.5], [0.25, 0.5, 0.25]]]]);
  });

  it.each([
    { name: '2×2 at stride 2', opts: { kernelSize: 2 } },
    { name: '3×3 at stride 1, padding 1', opts: { kernelSize: 3, stride: 1, padding: 1 } },
    { name: '3×3 at stride 2, padding 1, countIncludePad false', opts: { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false } },
  ] as const)('has the numerical gradient: $name', ({ opts }) => {
    expectGradClose((p) => weighted(avgPool2d(p.x, opts)), { x: randn64([2, 2, 5, 6], createRng(6)) });
  });

  it('refuses bad options', () => {
    expect(() => avgPool2d(zeros([1, 1, 4, 4]), { kernelSize: 2, countIncludePad: 1 as unknown as boolean })).toThrow(
      new ValueError('avgPool2d', 'countIncludePad must be true or false, got 1'),
    );
    expect(() => avgPool2d(zeros([1, 1, 4, 4]), { kernelSize: 2, padding: 2 })).toThrow(ValueError);
  });
});
