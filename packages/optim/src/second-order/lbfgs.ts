import { type GradientTransformation, ValueError } from '@nn/tensor';
import { chain } from '../chain';
import { type ScaleByLbfgsState, scaleByLbfgs } from './scale-by-lbfgs';
import { type ZoomLinesearchState, zoomLinesearch } from './zoom-linesearch';

export interface LbfgsOptions {
  /** m, the number of curvature pairs kept. Default 10. */
  readonly memory?: number;
  /** 'strong-wolfe' (c1 = 1e-4, c2 = 0.9) or 'none' (fixed steps of `learningRate`). Default 'strong-wolfe'. */
  readonly lineSearch?: 'strong-wolfe' | 'none';
  /** The (first trial) step length. Default 1. */
  readonly learningRate?: number;
  /** Emit zeros while max|gᵢ| ≤ this. Default 1e-7, as PyTorch. */
  readonly toleranceGrad?: number;
  /** Emit zeros once the direction's slope g·d > −this. Default 1e-9, as PyTorch (f within ~1e-9 of a minimum). */
  readonly toleranceChange?: number;
}

/** The direction's state, then the line search's (absent with lineSearch: 'none'). */
export type LbfgsState = readonly [ScaleByLbfgsState] | readonly [ScaleByLbfgsState, ZoomLinesearchState];

/**
 * Limited-memory BFGS, a full-batch quasi-Newton method: `chain(scaleByLbfgs({ memory, learningRate }),
 * zoomLinesearch())`. Each update is one iteration of PyTorch's `LBFGS(lr, history_size = memory,
 * max_iter = 1, line_search_fn = 'strong_wolfe' or None)`. Needs `ctx.lossAndGrad` (fit with
 * batchSize: 'full' passes it) when it searches.
 * @see Liu, Nocedal (1989), "On the limited memory BFGS method for large scale optimization".
 */
export function lbfgs({ memory = 10, lineSearch = 'strong-wolfe', learningRate = 1, toleranceGrad, toleranceChange }: LbfgsOptions = {}): GradientTransformation<LbfgsState> {
  if (lineSearch !== 'strong-wolfe' && lineSearch !== 'none') {
    throw new ValueError('lbfgs', `lineSearch must be 'strong-wolfe' or 'none', got ${String(lineSearch)}`);
  }
  const direction = scaleByLbfgs({ memory, learningRate, toleranceGrad, toleranceChange });
  return lineSearch === 'none' ? chain(direction) : chain(direction, zoomLinesearch());
}
