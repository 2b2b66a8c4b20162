import { describe, expect, it } from 'vitest';
import { grad } from '../autodiff/grad';
import { replayable } from '../autodiff/replayable';
import type { Tensor } from '../tensor';
import type { Backend } from '../backend/backend';
import { cpuBackend } from '../backend/cpu/cpu-backend';
import { isInsideTidy, tidy } from '../memory/tidy';
import { expectGradClose } from '../testing/check-grad';
import type { TypedArray } from '../dtype';
import { mul } from './binary';
import { tensor } from './creation';
import { sum } from './reduce';
import { stage } from './stage';
import { withBackend } from '../testing/with-backend';

/** The CPU backend with a `stage` that copies inside tidy (as a backend with device memory does), counting its calls. */
function stagingBackend(): { backend: Backend; staged: unknown[] } {
  const staged: unknown[] = [];
  const backend: Backend = {
    ...cpuBackend,
    stage(data) {
      if (!isInsideTidy()) return undefined;
      staged.push(data);
      return (data as TypedArray).slice();
    },
  };
  return { backend, staged };
}

describe('stage', () => {
  it('is x itself on a backend without staging (the CPU backend)', () => {
    const x = tensor([[1, 2], [3, 4]]);
    expect(tidy(() => stage(x) === x)).toBe(true);
  });

  it('copies x once where the backend stages it, with the same shape, dtype and values', () => {
    const { backend, staged } = stagingBackend();
    withBackend(backend, () => {
      const x = tensor([[1, 2, 3]], undefined, 'float64');
      const values = tidy(() => {
        const s = stage(x);
        expect(s).not.toBe(x);
        expect(s.shape).toEqual([1, 3]);
        expect(s.dtype).toBe('float64');
        return s.toArray();
      });
      expect(values).toEqual([[1, 2, 3]]);
      expect(staged).toHaveLength(1);
      // outside tidy the backend declines: x itself
      expect(stage(x)).toBe(x);
    });
  });

  it('is the identity to autodiff: the gradient passes through (float64 check)', () => {
    const { backend } = stagingBackend();
    withBackend(backend, () => {
      const x = tensor([0.5, -1.5, 2], undefined, 'float64');
      tidy(() => {
        expect(grad((p) => sum(mul(stage(p.x), stage(p.x))), { x }).x.toArray()).toEqual([1, -3, 4]);
        expectGradClose((p) => sum(mul(stage(p.x), p.x)), { x });
      });
    });
  });

  it('is x itself while a step is traced for replay, whose plan reads its arguments on the host', () => {
    const { backend, staged } = stagingBackend();
    withBackend(backend, () => {
      const seen: boolean[] = [];
      const step = replayable((p: { w: Tensor }, x: Tensor) => {
        const s = stage(x);
        seen.push(s === x);
        return sum(mul(p.w, s));
      });
      const w = tensor([1, 2]);
      for (let i = 0; i < 4; i++) tidy(() => step({ w }, tensor([i, 1])).item());
      // two traced calls (x itself), then the plan (no call of f)
      expect(seen).toEqual([true, true]);
      expect(staged).toHaveLength(0);
    });
  });

  it('leaves a tensor of another backend as it is', () => {
    const x = tensor([1, 2]);
    const { backend, staged } = stagingBackend();
    withBackend(backend, () => tidy(() => {
      expect(stage(x)).toBe(x);
    }));
    expect(staged).toHaveLength(0);
  });

  it('names itself on bad input', () => {
    expect(() => stage([1, 2] as never)).toThrow(/stage/);
  });
});
