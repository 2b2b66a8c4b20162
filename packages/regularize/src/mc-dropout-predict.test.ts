import { type ForwardContext, NnError, type Tensor, ValueError, createRng, mean, ones, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { dropout } from './dropout';
import { mcDropoutPredict } from './mc-dropout-predict';
import { values } from './test-helpers';

describe('mcDropoutPredict', () => {
  it('returns the mean and the variance (÷N) of N training-mode passes', () => {
    const outputs = [[1, 2], [3, 6], [5, 10]];
    const seen: ForwardContext[] = [];
    const model = {
      kind: 'fake', config: {}, params: {},
      forward: (_x: Tensor, ctx?: ForwardContext) => {
        seen.push(ctx!);
        return tensor(outputs[seen.length - 1]);
      },
    };
    const rng = createRng(1);
    const { mean: m, variance } = mcDropoutPredict(model, tensor([0]), { samples: 3, rng });
    expect(m).toBeAllClose([3, 6]);
    expect(variance).toBeAllClose([8 / 3, 32 / 3]); // ((1−3)² + 0 + (5−3)²)/3, ((2−6)² + 0 + (10−6)²)/3
    expect(seen.every((ctx) => ctx.training === true && ctx.rng === rng)).toBe(true);
  });

  it('averages dropout masks: mean ≈ x, variance ≈ p/(1 − p) for inverted dropout on ones (fixed seed)', () => {
    const { mean: m, variance } = mcDropoutPredict(dropout(0.5), ones([1, 200]), { samples: 500, rng: createRng(51) });
    // Each element: 500 draws of 0 or 2 → mean 1 ± 0.045, variance 1; averaged over 200 elements (± 0.003).
    expect(Math.abs(mean(m).item() - 1)).toBeLessThan(0.02);
    expect(Math.abs(mean(variance).item() - 1)).toBeLessThan(0.03);
    expect(values(mcDropoutPredict(dropout(0.5), ones([3]), { samples: 1, rng: createRng(1) }).variance)).toEqual([0, 0, 0]);
  });

  it('refuses a sample count that is not a positive integer, and a missing generator', () => {
    expect(() => mcDropoutPredict(dropout(0.5), ones([1]), { samples: 0, rng: createRng(1) })).toThrow('mcDropoutPredict: samples must be an integer ≥ 1, got 0');
    expect(() => mcDropoutPredict(dropout(0.5), ones([1]), { samples: 2.5, rng: createRng(1) })).toThrow(ValueError);
    expect(() => mcDropoutPredict(dropout(0.5), ones([1]), { samples: 2 } as never)).toThrow(NnError);
  });
});
