import type { GradientTransformation } from '@nn/tensor';
import { chain } from '../chain';
import { type ScaleByBfgsState, scaleByBfgs } from './scale-by-bfgs';
import { type ZoomLinesearchState, zoomLinesearch } from './zoom-linesearch';

export type BfgsState = readonly [ScaleByBfgsState, ZoomLinesearchState];

/**
 * BFGS with a dense inverse Hessian and a strong-Wolfe line search: `chain(scaleByBfgs(),
 * zoomLinesearch())`. O(n²) memory and work per update, so for models of up to a few thousand params.
 * Needs `ctx.lossAndGrad` (fit with batchSize: 'full' passes it).
 * @see Broyden (1970), Fletcher (1970), Goldfarb (1970), Shanno (1970).
 * @see Nocedal, Wright (2006), "Numerical Optimization", 2nd ed., Algorithm 6.1.
 */
export function bfgs(): GradientTransformation<BfgsState> {
  return chain(scaleByBfgs(), zoomLinesearch());
}
