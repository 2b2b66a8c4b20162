import { type GradientTransformation, type Params, add, div, mapTree, mul, sqrt, square, zerosLike } from '@nn/tensor';
import { checkNumber, checkState } from './check';

export interface ScaleByAdadeltaOptions {
  /** ρ, the decay of both running averages, in [0, 1]. Default 0.9, as PyTorch. */
  readonly rho?: number;
  /** ε (> 0), inside both roots. Default 1e-6, as PyTorch. */
  readonly eps?: number;
}

/** The running averages of the squared gradients and of the squared steps. */
export interface ScaleByAdadeltaState {
  readonly meanSquareGrad: Params;
  readonly meanSquareDelta: Params;
}

/**
 * E[g²] ← ρ·E[g²] + (1 − ρ)·g², Δ = √(E[Δ²] + ε)/√(E[g²] + ε)·g, E[Δ²] ← ρ·E[Δ²] + (1 − ρ)·Δ²; emits Δ.
 * The ratio of the two roots gives the step the units of the weights, so no global rate is needed
 * (PyTorch still multiplies by lr, default 1.0). `torch.optim.Adadelta`'s direction, both averages from 0.
 * @see Zeiler (2012), "ADADELTA: an adaptive learning rate method".
 */
export function scaleByAdadelta({ rho = 0.9, eps = 1e-6 }: ScaleByAdadeltaOptions = {}): GradientTransformation<ScaleByAdadeltaState> {
  const op = 'scaleByAdadelta';
  checkNumber(op, 'rho', rho, { min: 0, max: 1 });
  checkNumber(op, 'eps', eps, { min: 0, minOpen: true });
  return {
    retainsOnlyState: true,
    init: (params) => ({ meanSquareGrad: mapTree(zerosLike, params), meanSquareDelta: mapTree(zerosLike, params) }),
    update(grads, state) {
      checkState(op, state, ['meanSquareGrad', 'meanSquareDelta']);
      const meanSquareGrad = mapTree((g, s) => add(mul(s, rho), mul(square(g), 1 - rho)), grads, state.meanSquareGrad);
      const deltas = mapTree((g, s, d) => mul(div(sqrt(add(d, eps)), sqrt(add(s, eps))), g), grads, meanSquareGrad, state.meanSquareDelta);
      const meanSquareDelta = mapTree((d, delta) => add(mul(d, rho), mul(square(delta), 1 - rho)), state.meanSquareDelta, deltas);
      return [deltas, { meanSquareGrad, meanSquareDelta }];
    },
  };
}
