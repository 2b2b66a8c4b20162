import { type GradientTransformation, type Params, ValueError, add, clip, fullLike, greater, less, mapTree, mul, neg, sign, where, zerosLike } from '@nn/tensor';
import { checkNumber, checkState } from './check';

/** Riedmiller's and Igel & Hüsken's four variants (names as in Igel & Hüsken 2000). */
export type RpropVariant = 'Rprop+' | 'Rprop-' | 'iRprop+' | 'iRprop-';

export interface ScaleByRpropOptions {
  /** Δ₀, every weight's first step size (> 0). */
  readonly initialStep: number;
  /** [η⁻, η⁺], the factors that shrink and grow a step size, 0 < η⁻ < 1 < η⁺. Default [0.5, 1.2]. */
  readonly etas?: readonly [number, number];
  /** [Δ_min, Δ_max], the range of the step sizes, 0 ≤ Δ_min ≤ Δ_max. Default [1e-6, 50]. */
  readonly stepSizes?: readonly [number, number];
  /** Default 'iRprop-', what `torch.optim.Rprop` computes. */
  readonly variant?: RpropVariant;
}

/**
 * Each weight's step size Δ, the gradient it compares signs with (0 after a sign change in every
 * variant but Rprop−), its last emitted step (the + variants, which take it back; else null) and the
 * last loss (iRprop+, which takes steps back only when the loss rose; else null).
 */
export interface ScaleByRpropState {
  readonly stepSizes: Params;
  readonly previousGrads: Params;
  readonly previousSteps: Params | null;
  readonly previousLoss: number | null;
}

const variants: readonly RpropVariant[] = ['Rprop+', 'Rprop-', 'iRprop+', 'iRprop-'];

/**
 * Resilient propagation: u = sign(g)·Δ per weight, where Δ ← min(η⁺·Δ, Δ_max) while the gradient
 * keeps its sign and Δ ← max(η⁻·Δ, Δ_min) when it flips (the gradient's size is ignored). On a flip,
 * 'iRprop-' (the default, exactly `torch.optim.Rprop`) does not move that weight and forgets the
 * gradient (so the next step neither grows nor shrinks Δ); 'Rprop-' steps anyway; 'Rprop+' takes back
 * the weight's previous step; 'iRprop+' takes it back only if the loss rose (it needs `ctx.loss`).
 * Chain `scale(-1)` after it for the descent step (`rprop` does).
 *
 * Full-batch only: with mini-batches a gradient's sign flips by sampling noise, and Rprop weighs every
 * sign the same, so the step sizes shrink to Δ_min and the method averages signs rather than gradients
 * (which is why rmsprop was made: a mini-batch version of its idea).
 * @see Riedmiller, Braun (1993), "A direct adaptive method for faster backpropagation learning: the RPROP algorithm".
 * @see Igel, Hüsken (2000), "Improving the Rprop learning algorithm".
 */
export function scaleByRprop({ initialStep, etas = [0.5, 1.2], stepSizes = [1e-6, 50], variant = 'iRprop-' }: ScaleByRpropOptions): GradientTransformation<ScaleByRpropState> {
  const op = 'scaleByRprop';
  checkNumber(op, 'initialStep (the learning rate)', initialStep, { min: 0, minOpen: true });
  if (!Array.isArray(etas) || etas.length !== 2) throw new ValueError(op, `etas must be a pair [η⁻, η⁺], got ${String(etas)}`);
  const [etaMinus, etaPlus] = etas;
  checkNumber(op, 'η⁻ (etas[0])', etaMinus, { min: 0, max: 1, minOpen: true, maxOpen: true });
  checkNumber(op, 'η⁺ (etas[1])', etaPlus, { min: 1, minOpen: true });
  if (!Array.isArray(stepSizes) || stepSizes.length !== 2) throw new ValueError(op, `stepSizes must be a pair [Δ_min, Δ_max], got ${String(stepSizes)}`);
  const [minStep, maxStep] = stepSizes;
  checkNumber(op, 'Δ_min (stepSizes[0])', minStep, { min: 0 });
  checkNumber(op, 'Δ_max (stepSizes[1])', maxStep, { min: minStep });
  if (!variants.includes(variant)) throw new ValueError(op, `variant must be one of ${variants.map((v) => `'${v}'`).join(', ')}, got ${JSON.stringify(variant)}`);
  const backtracks = variant === 'Rprop+' || variant === 'iRprop+';
  return {
    retainsOnlyState: true,
    init: (params) => ({
      stepSizes: mapTree((p) => fullLike(p, initialStep), params),
      previousGrads: mapTree(zerosLike, params),
      previousSteps: backtracks ? mapTree(zerosLike, params) : null,
      previousLoss: null,
    }),
    update(grads, state, _params, ctx) {
      checkState(op, state, ['stepSizes', 'previousGrads', 'previousSteps', 'previousLoss']);
      const loss = ctx?.loss;
      if (variant === 'iRprop+' && (typeof loss !== 'number' || Number.isNaN(loss))) {
        throw new ValueError(op, `variant 'iRprop+' takes a step back only when the loss rose, so it needs ctx.loss (update(grads, state, params, { loss })), got ${String(loss)}`);
      }
      // Backtrack on a flip: always (Rprop+), or when E(t) > E(t−1) (iRprop+).
      const takeBack = variant === 'Rprop+' || (variant === 'iRprop+' && state.previousLoss !== null && (loss as number) > state.previousLoss);
      const flipped = mapTree((g, prev) => less(mul(g, prev), 0), grads, state.previousGrads);
      const held = mapTree((g, prev) => greater(mul(g, prev), 0), grads, state.previousGrads);
      // (1) Δ ← Δ·η⁺ where the sign held, Δ·η⁻ where it flipped, Δ where either gradient is 0; clipped to the range.
      const steps = mapTree(
        (d, up, down) => clip(mul(d, add(1, add(mul(up, etaPlus - 1), mul(down, etaMinus - 1)))), minStep, maxStep),
        state.stepSizes,
        held,
        flipped,
      );
      // (2) the step: sign(g)·Δ; where the gradient flipped, 0 or the previous step taken back (all but Rprop−).
      const back = takeBack ? mapTree(neg, state.previousSteps!) : null;
      const updates =
        variant === 'Rprop-'
          ? mapTree((g, d) => mul(sign(g), d), grads, steps)
          : back === null
            ? mapTree((g, d, f) => where(f, 0, mul(sign(g), d)), grads, steps, flipped)
            : mapTree((g, d, f, b) => where(f, b, mul(sign(g), d)), grads, steps, flipped, back);
      // (3) the gradient to compare with next time: 0 where it flipped (except Rprop−), so the next step is neutral.
      const previousGrads = variant === 'Rprop-' ? grads : mapTree((g, f) => where(f, 0, g), grads, flipped);
      return [updates, { stepSizes: steps, previousGrads, previousSteps: backtracks ? updates : null, previousLoss: variant === 'iRprop+' ? (loss as number) : null }];
    },
  };
}
