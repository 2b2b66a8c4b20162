import { type GradientTransformation, type Params, ValueError, add, mapTree, mul, neg } from '@nn/tensor';
import { checkState } from './check';

export interface BoldDriverOptions {
  /** ρ > 1, the factor that raises η after an update that lowered the error. Default 1.1. */
  readonly increase?: number;
  /** σ in (0, 1), the factor that cuts η when the error rose. Default 0.5. */
  readonly decrease?: number;
}

/** The rate, and where the last step started: its error, its gradient and the step taken from it. */
export interface BoldDriverState {
  /** η, the rate of the last step. */
  readonly learningRate: number;
  /** E at the point the last step started from; null before the first update. */
  readonly loss: number | null;
  /** The gradient at that point (to retry from it after an undo); null before the first update. */
  readonly grads: Params | null;
  /** The last step Δ (what the last update emitted, less any undo). */
  readonly step: Params | null;
}

/**
 * The bold driver, an adaptive global learning rate for full-batch training: after a step that
 * lowered the error E (ctx.loss, E(θ) ≤ E(θ_prev)), raise the rate η ← ρ·η and step on,
 * Δ = −η·∇E(θ); after a step that raised it, cut the rate η ← σ·η, undo the step and retry from where
 * it started with the gradient saved there: the update is −Δ_last − η·∇E(θ_prev) (so no update is
 * spent on the undo alone). The first update is −η₀·g. Needs the loss of the whole training set
 * (`batchSize: 'full'` in fit, or minimize): on mini-batches the noise in E would trigger undos.
 * @see Vogl, Mangis, Rigler, Zink, Alkon (1988), "Accelerating the convergence of the back-propagation method".
 * @see Battiti (1989), "Accelerated backpropagation learning: two optimization methods".
 */
export function boldDriver(learningRate: number, { increase = 1.1, decrease = 0.5 }: BoldDriverOptions = {}): GradientTransformation<BoldDriverState> {
  const op = 'boldDriver';
  if (typeof learningRate !== 'number' || !Number.isFinite(learningRate) || learningRate <= 0) {
    throw new ValueError(op, `learningRate must be a finite number > 0, got ${String(learningRate)}`);
  }
  if (typeof increase !== 'number' || !Number.isFinite(increase) || increase < 1) {
    throw new ValueError(op, `increase (ρ) must be a finite number ≥ 1, got ${String(increase)}`);
  }
  if (typeof decrease !== 'number' || !(decrease > 0 && decrease < 1)) {
    throw new ValueError(op, `decrease (σ) must be a number in (0, 1), got ${String(decrease)}`);
  }
  return {
    retainsOnlyState: true,
    init: () => ({ learningRate, loss: null, grads: null, step: null }),
    update(grads, state, _params, ctx) {
      checkState(op, state, ['learningRate', 'loss', 'grads', 'step']);
      const loss = ctx?.loss;
      if (typeof loss !== 'number' || Number.isNaN(loss)) {
        throw new ValueError(op, `needs ctx.loss, the error at the current params (fit and minimize pass it), got ${String(loss)}`);
      }
      if (state.loss === null || state.step === null || state.grads === null) {
        const step = mapTree((g) => mul(g, -state.learningRate), grads);
        return [step, { learningRate: state.learningRate, loss, grads, step }];
      }
      if (loss <= state.loss) {
        // (1) the error fell: bolder
        const lr = state.learningRate * increase;
        const step = mapTree((g) => mul(g, -lr), grads);
        return [step, { learningRate: lr, loss, grads, step }];
      }
      // (2) the error rose: cut η, go back to where the last step started and retry from there
      const lr = state.learningRate * decrease;
      const retry = mapTree((g) => mul(g, -lr), state.grads as typeof grads);
      const updates = mapTree((last, r) => add(neg(last), r), state.step as typeof grads, retry);
      return [updates, { learningRate: lr, loss: state.loss, grads: state.grads, step: retry }];
    },
  };
}
