import { type GradientTransformation, type Params, add, div, fullLike, mapTree, sqrt, square } from '@nn/tensor';
import { checkNumber, checkState } from './check';

export interface ScaleByAdagradOptions {
  /** The sum's starting value (≥ 0). Default 0, as PyTorch's `initial_accumulator_value`. */
  readonly initialAccumulatorValue?: number;
  /** ε (> 0), added to the root of the sum. Default 1e-10, as PyTorch. */
  readonly eps?: number;
}

/** The running sum of squared gradients. */
export interface ScaleByAdagradState {
  readonly sumOfSquares: Params;
}

/**
 * G ← G + g², u = g/(√G + ε): each weight's step shrinks with the total of its squared gradients so
 * far, fast for weights with large or frequent gradients (Adagrad's direction, as `torch.optim.Adagrad`
 * computes it before its rate).
 * @see Duchi, Hazan, Singer (2011), "Adaptive subgradient methods for online learning and stochastic optimization".
 */
export function scaleByAdagrad({ initialAccumulatorValue = 0, eps = 1e-10 }: ScaleByAdagradOptions = {}): GradientTransformation<ScaleByAdagradState> {
  const op = 'scaleByAdagrad';
  checkNumber(op, 'initialAccumulatorValue', initialAccumulatorValue, { min: 0 });
  checkNumber(op, 'eps', eps, { min: 0, minOpen: true });
  return {
    retainsOnlyState: true,
    init: (params) => ({ sumOfSquares: mapTree((p) => fullLike(p, initialAccumulatorValue), params) }),
    update(grads, state) {
      checkState(op, state, ['sumOfSquares']);
      const sumOfSquares = mapTree((g, s) => add(s, square(g)), grads, state.sumOfSquares);
      const updates = mapTree((g, s) => div(g, add(sqrt(s), eps)), grads, sumOfSquares);
      return [updates, { sumOfSquares }];
    },
  };
}
