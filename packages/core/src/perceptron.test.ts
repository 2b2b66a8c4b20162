import { describe, expect, it } from 'vitest';
import { createRng, tensor } from '@nn/tensor';
import { perceptron } from './perceptron';

describe('perceptron', () => {
  it('takes the textbook steps: add the input on a false 0, subtract it on a false 1', () => {
    // w = 0, b = 0: sample 1 ([1, 0], t = 0): z = 0 → y = 1, a false 1: w = [−1, 0], b = −1.
    // sample 2 ([0, 1], t = 1): z = −1 → y = 0, a false 0: w = [−1, 1], b = 0. Epoch 2: both right.
    const r = perceptron(tensor([[1, 0], [0, 1]]), tensor([0, 1]));
    expect(r.mistakes).toEqual([2, 0]);
    expect(r.weights).toBeAllClose([-1, 1]);
    expect(r.bias).toBe(0);
    expect(r.converged).toBe(true);
    expect(r.message).toBe('converged after 2 epochs');
  });

  it('converges on linearly separable data and then classifies every sample', () => {
    const rng = createRng(3);
    const points: number[][] = [];
    const labels: number[] = [];
    while (points.length < 200) {
      const p = [rng.uniformRange(-1, 1), rng.uniformRange(-1, 1)];
      const margin = p[0] + 2 * p[1] - 0.3;
      if (Math.abs(margin) < 0.05) continue; // keep a margin so the bound on updates is small
      points.push(p);
      labels.push(margin > 0 ? 1 : 0);
    }
    const x = tensor(points);
    const r = perceptron(x, tensor(labels), { shuffle: true, rng, maxEpochs: 1000 });
    expect(r.converged).toBe(true);
    expect(Array.from(r.predict(x).dataSync())).toEqual(labels);
  });

  it('does not converge on XOR and says so', () => {
    const r = perceptron(tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), tensor([0, 1, 1, 0]), { maxEpochs: 50 });
    expect(r.converged).toBe(false);
    expect(r.epochs).toBe(50);
    expect(r.message).toMatch(/^did not converge after 50 epochs \([1-4] of 4 samples still wrong\)$/);
  });

  it('refuses targets other than 0 and 1, and mismatched lengths', () => {
    expect(() => perceptron(tensor([[0, 0]]), tensor([-1]))).toThrow('perceptron: target -1 at sample 0 is not 0 or 1');
    expect(() => perceptron(tensor([[0, 0]]), tensor([1, 0]))).toThrow('perceptron: x has 1 samples but targets has 2');
    expect(() => perceptron(tensor([0, 0]), tensor([1]))).toThrow('perceptron: expected inputs of shape [N, D], got [2]');
  });
});
