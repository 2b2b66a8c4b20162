import { describe, expect, it } from 'vitest';
import { type Loss, ValueError, fromTypedArray, matmul, replayable, tensor, valueAndGrad } from '@nn/tensor';
import { multiclassHinge } from './multiclass-hinge';
import { softmaxCrossEntropy } from './softmax-cross-entropy';

describe('a classification loss in a replayed step', () => {
  const losses: Record<string, Loss> = { softmaxCrossEntropy, multiclassHinge };
  for (const [name, loss] of Object.entries(losses)) {
    it(`refuses a label out of range with its own message, as in an eager step (${name})`, () => {
      const x = tensor([[1, 2], [3, 4], [5, 6]], undefined, 'float64');
      const step = replayable((p: { w: ReturnType<typeof tensor> }, y: ReturnType<typeof tensor>) => valueAndGrad((q) => loss(matmul(x, q.w), y), p));
      const params = { w: tensor([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], undefined, 'float64') };
      const good = fromTypedArray(Int32Array.from([0, 2, 1]), [3], 'int32');
      for (let i = 0; i < 3; i++) step(params, good); // two recordings, then a replay
      const bad = fromTypedArray(Int32Array.from([0, 3, 1]), [3], 'int32');
      const message = `label 3 at position 1 is out of range for 3 classes (expected 0 … 2)`;
      expect(() => step(params, bad)).toThrow(new ValueError(name, message));
      expect(() => loss(matmul(x, params.w), bad)).toThrow(new ValueError(name, message));
      // and the replay goes on as before with good labels
      expect(Array.from(step(params, good).value.dataSync())).toEqual(Array.from(valueAndGrad((q) => loss(matmul(x, q.w), good), params).value.dataSync()));
    });
  }
});
