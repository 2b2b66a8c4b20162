import 'vitest';
import type { AllCloseOptions } from '@nn/tensor/testing';

declare module 'vitest' {
  interface Assertion<T = any> {
    /** Elementwise |actual − expected| ≤ atol + rtol·|expected| (numpy.allclose). */
    toBeAllClose(expected: unknown, options?: AllCloseOptions): T;
  }
}
