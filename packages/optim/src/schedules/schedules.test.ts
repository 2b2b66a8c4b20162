import { ValueError } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { constantSchedule } from './constant-schedule';
import { cosineDecay } from './cosine-decay';
import { exponentialDecay } from './exponential-decay';
import { inverseTimeDecay } from './inverse-time-decay';
import { joinSchedules } from './join-schedules';
import { linearSchedule } from './linear-schedule';
import { piecewiseConstant } from './piecewise-constant';
import { stepDecay } from './step-decay';
import { warmupCosineDecay } from './warmup-cosine-decay';

const at = (schedule: (t: number) => number, steps: number[]) => steps.map(schedule);

describe('constantSchedule', () => {
  it('gives the same value at every step', () => {
    expect(at(constantSchedule(0.3), [0, 1, 1000])).toEqual([0.3, 0.3, 0.3]);
  });
});

describe('exponentialDecay', () => {
  it('decays smoothly: η₀·γ^(t/T)', () => {
    // η₀ = 1, γ = 0.5, T = 2: t = 0, 1, 2, 3, 4 → 1, 0.5^0.5, 0.5, 0.5^1.5, 0.25
    expect(at(exponentialDecay({ init: 1, decayRate: 0.5, decaySteps: 2 }), [0, 1, 2, 3, 4])).toBeAllClose([1, Math.SQRT1_2, 0.5, 0.5 * Math.SQRT1_2, 0.25]);
  });

  it('decays in whole jumps with staircase: η₀·γ^⌊t/T⌋', () => {
    // t = 0, 1, 2, 3, 4 → ⌊t/2⌋ = 0, 0, 1, 1, 2 → 0.1, 0.1, 0.05, 0.05, 0.025
    expect(at(exponentialDecay({ init: 0.1, decayRate: 0.5, decaySteps: 2, staircase: true }), [0, 1, 2, 3, 4])).toBeAllClose([0.1, 0.1, 0.05, 0.05, 0.025]);
  });

  it('refuses a non-positive rate or period', () => {
    expect(() => exponentialDecay({ init: 1, decayRate: 0, decaySteps: 1 })).toThrow(ValueError);
    expect(() => exponentialDecay({ init: 1, decayRate: 0.5, decaySteps: 0 })).toThrow(/decaySteps must be a finite positive number, got 0/);
  });
});

describe('stepDecay', () => {
  it('drops by γ every stepSize steps: η₀·γ^⌊t/stepSize⌋ (PyTorch StepLR)', () => {
    // η₀ = 1, stepSize = 3, γ = 0.1 (the default): t = 0, 2, 3, 5, 6 → 1, 1, 0.1, 0.1, 0.01
    expect(at(stepDecay({ init: 1, stepSize: 3 }), [0, 2, 3, 5, 6])).toBeAllClose([1, 1, 0.1, 0.1, 0.01]);
    expect(at(stepDecay({ init: 0.8, stepSize: 1, gamma: 0.5 }), [0, 1, 2])).toBeAllClose([0.8, 0.4, 0.2]);
  });

  it('refuses a step size that is not a positive integer', () => {
    expect(() => stepDecay({ init: 1, stepSize: 1.5 })).toThrow(/stepSize must be a finite positive integer, got 1.5/);
  });
});

describe('inverseTimeDecay', () => {
  it('gives ε₀/(1 + t/τ): halved at t = τ, a third at 2τ', () => {
    // ε₀ = 0.6, τ = 10: t = 0, 10, 20, 90 → 0.6, 0.3, 0.2, 0.06
    expect(at(inverseTimeDecay({ init: 0.6, tau: 10 }), [0, 10, 20, 90])).toBeAllClose([0.6, 0.3, 0.2, 0.06]);
  });

  it('refuses a non-positive τ', () => {
    expect(() => inverseTimeDecay({ init: 1, tau: -1 })).toThrow(ValueError);
  });
});

describe('cosineDecay', () => {
  it('follows half a cosine from η₀ to α·η₀ over T steps, then stays there', () => {
    // η₀ = 1, T = 4, α = 0.2: t = 0 → 1; t = 1 → 0.8·½(1 + cos(π/4)) + 0.2 = 0.882843; t = 2 → 0.8·0.5 + 0.2 = 0.6;
    // t = 4 and t = 8 → 0.2
    expect(at(cosineDecay({ init: 1, decaySteps: 4, alpha: 0.2 }), [0, 1, 2, 4, 8])).toBeAllClose([1, 0.8 * 0.5 * (1 + Math.SQRT1_2) + 0.2, 0.6, 0.2, 0.2]);
  });

  it('refuses α outside [0, 1] and T ≤ 0', () => {
    expect(() => cosineDecay({ init: 1, decaySteps: 4, alpha: 1.5 })).toThrow(/cosineDecay: alpha \(the floor as a fraction of init\) must be in \[0, 1\], got 1.5/);
    expect(() => cosineDecay({ init: 1, decaySteps: 0 })).toThrow(ValueError);
  });
});

describe('linearSchedule', () => {
  it('goes in a straight line from init to end between t₀ and t₀ + T', () => {
    // 0.5 → 0.9 over steps 2 … 6: t = 0, 2 → 0.5; t = 4 → 0.7; t = 6, 10 → 0.9
    expect(at(linearSchedule({ init: 0.5, end: 0.9, transitionSteps: 4, transitionBegin: 2 }), [0, 2, 4, 6, 10])).toBeAllClose([0.5, 0.5, 0.7, 0.9, 0.9]);
  });

  it('refuses T ≤ 0 and t₀ < 0', () => {
    expect(() => linearSchedule({ init: 0, end: 1, transitionSteps: 0 })).toThrow(/transitionSteps must be a finite positive number, got 0/);
    expect(() => linearSchedule({ init: 0, end: 1, transitionSteps: 1, transitionBegin: -1 })).toThrow(/transitionBegin must be ≥ 0, got -1/);
  });
});

describe('joinSchedules', () => {
  it('switches schedule at each boundary, restarting the count', () => {
    // [1 always, 2 + t], boundary 3: t = 0, 2 → 1; t = 3 → 2 + 0 = 2; t = 5 → 2 + 2 = 4
    expect(at(joinSchedules([constantSchedule(1), (t) => 2 + t], [3]), [0, 2, 3, 5])).toEqual([1, 1, 2, 4]);
  });

  it('refuses a wrong number of boundaries or boundaries out of order', () => {
    expect(() => joinSchedules([constantSchedule(1), constantSchedule(2)], [])).toThrow(/joinSchedules: expected 1 boundaries for 2 schedules, got 0/);
    expect(() => joinSchedules([constantSchedule(1), constantSchedule(2), constantSchedule(3)], [5, 2])).toThrow(/boundaries must be increasing integers ≥ 0, got \[5, 2\]/);
  });
});

describe('warmupCosineDecay', () => {
  it('warms up linearly to the peak, then decays along a cosine to the end value', () => {
    // 0 → 1 over 2 steps, then 1 → 0.1 over the 4 steps to t = 6: t = 0, 1, 2 → 0, 0.5, 1;
    // t = 4 (halfway) → 0.1 + 0.9·0.5 = 0.55; t = 6, 9 → 0.1
    expect(at(warmupCosineDecay({ init: 0, peak: 1, warmupSteps: 2, decaySteps: 6, end: 0.1 }), [0, 1, 2, 4, 6, 9])).toBeAllClose([0, 0.5, 1, 0.55, 0.1, 0.1]);
  });

  it('refuses a total no longer than the warm-up', () => {
    expect(() => warmupCosineDecay({ init: 0, peak: 1, warmupSteps: 5, decaySteps: 5 })).toThrow(/decaySteps \(the total, warm-up included\) must be > warmupSteps = 5, got 5/);
  });
});

describe('piecewiseConstant', () => {
  it('multiplies the value by each scale from its boundary on (a momentum raised from 0.5 to 0.9)', () => {
    // init 0.5, ×1.8 from t = 2, ×0.5 from t = 5: t = 0, 1 → 0.5; 2, 4 → 0.9; 5 → 0.45
    expect(at(piecewiseConstant({ init: 0.5, boundaries: [2, 5], scales: [1.8, 0.5] }), [0, 1, 2, 4, 5])).toBeAllClose([0.5, 0.5, 0.9, 0.9, 0.45]);
  });

  it('refuses unequal lengths, unordered boundaries and non-finite scales', () => {
    expect(() => piecewiseConstant({ init: 1, boundaries: [1], scales: [] })).toThrow(/piecewiseConstant: expected one scale per boundary, got 1 boundaries and 0 scales/);
    expect(() => piecewiseConstant({ init: 1, boundaries: [3, 3], scales: [1, 1] })).toThrow(ValueError);
    expect(() => piecewiseConstant({ init: 1, boundaries: [3], scales: [Number.NaN] })).toThrow(/scales\[0\] must be a finite number, got NaN/);
  });
});
