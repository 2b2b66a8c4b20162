import type { Schedule } from '@nn/tensor';
import { checkNumber } from './check';

export interface StepDecayOptions {
  /** η₀, the value until the first drop. */
  readonly init: number;
  /** Steps between drops (a positive integer). */
  readonly stepSize: number;
  /** γ, the factor of each drop. Default 0.1, as PyTorch's StepLR. */
  readonly gamma?: number;
}

/** η_t = η₀·γ^⌊t/stepSize⌋: divide the rate by 1/γ every `stepSize` steps (PyTorch's StepLR). */
export function stepDecay({ init, stepSize, gamma = 0.1 }: StepDecayOptions): Schedule {
  const op = 'stepDecay';
  checkNumber(op, 'init', init);
  checkNumber(op, 'stepSize', stepSize, { positive: true, integer: true });
  checkNumber(op, 'gamma', gamma, { positive: true });
  return (step) => init * gamma ** Math.floor(step / stepSize);
}
