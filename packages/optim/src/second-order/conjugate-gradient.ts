import type { GradientTransformation } from '@nn/tensor';
import { chain } from '../chain';
import { type ConjugateGradientMethod, type ScaleByConjugateGradientState, scaleByConjugateGradient } from './scale-by-conjugate-gradient';
import { type ZoomLinesearchState, zoomLinesearch } from './zoom-linesearch';

export interface ConjugateGradientOptions {
  /** Default 'polak-ribiere-plus'. */
  readonly method?: ConjugateGradientMethod;
  /** Restart with steepest descent every this many updates. Default: the number of params. */
  readonly restart?: number;
  /** The line search's curvature constant. Default 0.1, as CG needs nearly exact line searches. */
  readonly c2?: number;
}

export type ConjugateGradientState = readonly [ScaleByConjugateGradientState, ZoomLinesearchState];

/**
 * Nonlinear conjugate gradients for full-batch training: `chain(scaleByConjugateGradient({ method,
 * restart }), zoomLinesearch({ c2: 0.1 }))`. Needs `ctx.lossAndGrad` (fit with batchSize: 'full' passes it).
 * @see Nocedal, Wright (2006), "Numerical Optimization", 2nd ed., Algorithm 5.4 and §5.2.
 */
export function conjugateGradient({ method, restart, c2 = 0.1 }: ConjugateGradientOptions = {}): GradientTransformation<ConjugateGradientState> {
  return chain(scaleByConjugateGradient({ method, restart }), zoomLinesearch({ c2 }));
}
