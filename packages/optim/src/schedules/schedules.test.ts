import { ValueError } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { constantSchedule } from './constant-schedule';
import { exponentialDecay } from './exponential-decay';
import { inverseTimeDecay } from './inverse-time-decay';
import { stepDecay } from './step-decay';

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
