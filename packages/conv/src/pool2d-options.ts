import type { IntOrPair } from './geometry';

/** Options of `maxPool2d` and `avgPool2d`. */
export interface Pool2dOptions {
  /** Window size: k or [kh, kw]. */
  readonly kernelSize: IntOrPair;
  /** Step between windows: one integer or [sh, sw]. Default: the kernel size (windows that tile). */
  readonly stride?: IntOrPair;
  /** Added on each side: p or [ph, pw], at most half the kernel size. Default 0. */
  readonly padding?: IntOrPair;
}
