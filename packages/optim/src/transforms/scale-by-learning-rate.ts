import { type GradientTransformation, type Schedule, ValueError, mapTree, mul } from '@nn/tensor';
import { isFixed } from '../schedules/constant-schedule';

/** How many updates this transform has made: the step its schedule is read at. */
export interface ScaleByLearningRateState {
  readonly count: number;
}

/**
 * u = −η_t·g, the gradient-descent step, with η_t = `learningRate`, or `learningRate(t)` for a
 * schedule, where t = 0, 1, 2, … counts this transform's updates (kept in its state, so a restored
 * checkpoint resumes the schedule where it was). The rate must be finite and ≥ 0 (PyTorch refuses a
 * negative one too); flip the sign with `scale(-1)` when that is really meant.
 */
export function scaleByLearningRate(learningRate: number | Schedule): GradientTransformation<ScaleByLearningRateState> {
  const rateAt = learningRateAt(learningRate);
  return {
    retainsOnlyState: true,
    init: () => ({ count: 0 }),
    update(grads, { count }) {
      const lr = rateAt(count);
      return [mapTree((g) => mul(g, -lr), grads), { count: count + 1 }];
    },
    sameOpsEveryStep: isFixed(learningRate),
  };
}

/**
 * η_t for t = 0, 1, 2, …: `learningRate` itself, or a schedule's value at t; each checked as
 * `scaleByLearningRate` checks it (a fixed rate at once, a schedule's values as they are read). @internal
 */
export function learningRateAt(learningRate: number | Schedule): (count: number) => number {
  const op = 'scaleByLearningRate';
  if (typeof learningRate !== 'function') {
    checkRate(op, learningRate, 'learningRate');
    return () => learningRate;
  }
  return (count) => {
    const lr = learningRate(count);
    checkRate(op, lr, `the schedule's value at step ${count}`);
    return lr;
  };
}

function checkRate(op: string, lr: unknown, what: string): void {
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
    throw new ValueError(op, `${what} must be a finite number ≥ 0, got ${String(lr)}`);
  }
}
