import { describe, expect, it } from 'vitest';
import { DTypeError, createRng, tensor } from '@nn/tensor';
import { classBalancedOrder } from './class-balanced-order';

// 200 samples: 120 of class 0, 60 of class 1, 20 of class 2, in blocks (the worst order for batches)
const labels = [...Array(120).fill(0), ...Array(60).fill(1), ...Array(20).fill(2)];
const y = tensor(labels, [200], 'int32');
const ctx = { n: 200, y, batchSize: 20 };

describe('classBalancedOrder', () => {
  it('presents every sample once per epoch', () => {
    const idx = classBalancedOrder().indices(1, createRng(0), ctx);
    expect(Array.from(idx).sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
  });

  it('gives every batch each class in its overall share, over many seeded epochs', () => {
    // batch 20 of shares 0.6 / 0.3 / 0.1 → 12, 6, 2; bound 1 + C·n_c/N = 1 + 3·0.6 = 2.8, 1.9, 1.3
    const order = classBalancedOrder();
    const rng = createRng(42);
    let worst = [0, 0, 0];
    for (let epoch = 1; epoch <= 50; epoch++) {
      const idx = order.indices(epoch, rng, ctx);
      for (let b = 0; b < 10; b++) {
        const counts = [0, 0, 0];
        for (let k = b * 20; k < (b + 1) * 20; k++) counts[labels[idx[k]]]++;
        worst = worst.map((w, c) => Math.max(w, Math.abs(counts[c] - [12, 6, 2][c])));
      }
    }
    expect(worst[0]).toBeLessThanOrEqual(2);
    expect(worst[1]).toBeLessThanOrEqual(1);
    expect(worst[2]).toBeLessThanOrEqual(1);
  });

  it('draws a new order each epoch, reproducibly from the seed', () => {
    const a = classBalancedOrder().indices(1, createRng(7), ctx);
    const b = classBalancedOrder().indices(1, createRng(7), ctx);
    const rng = createRng(7);
    const first = classBalancedOrder().indices(1, rng, ctx);
    const second = classBalancedOrder().indices(2, rng, ctx);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(first)).not.toEqual(Array.from(second));
  });

  it('needs int32 labels', () => {
    expect(() => classBalancedOrder().indices(1, createRng(0), { n: 2, y: tensor([0, 1]), batchSize: 1 })).toThrow(DTypeError);
    expect(() => classBalancedOrder().indices(1, createRng(0), { n: 2, y: tensor([0, 1]), batchSize: 1 })).toThrow(
      'classBalancedOrder: needs int32 class labels y, got float32',
    );
  });
});
