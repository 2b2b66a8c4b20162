import { type GradientTransformation, type Params, type Schedule, ValueError, add, mapTree, mul, sign, zerosLike } from '@nn/tensor';

export interface LionOptions {
  /** [β₁, β₂], each in [0, 1): β₁ mixes the momentum into the step's sign, β₂ is the momentum's decay. Default [0.9, 0.99]. */
  readonly betas?: readonly [number, number];
  /** λ ≥ 0, decoupled weight decay: the step is η·(sign(c) + λ·θ). Default 0. */
  readonly weightDecay?: number;
}

/** The momentum m (shaped like the params) and how many updates were made (the step a schedule is read at). */
export interface LionState {
  readonly count: number;
  readonly momentum: Params;
}

/**
 * Lion (EvoLved Sign Momentum): c = β₁·m + (1 − β₁)·g, u = −η·(sign(c) + λ·θ),
 * m ← β₂·m + (1 − β₂)·g. Every weight moves by exactly ±η (plus the decay), so the rate is usually 3–10×
 * smaller than AdamW's and λ that much larger; its state is one buffer, half of Adam's. `learningRate`
 * is a number or a schedule η(t), t = 0, 1, … counting this optimizer's updates. Emits updates to add
 * (θ ← θ + u), like every optimizer of @nn/optim, and chains with theirs.
 * @see Chen, Liang, Huang, Real, Wang, Pham, Dong, Luong, Hsieh, Lu, Le (2023), "Symbolic Discovery of Optimization Algorithms".
 */
export function lion(learningRate: number | Schedule, { betas = [0.9, 0.99], weightDecay = 0 }: LionOptions = {}): GradientTransformation<LionState> {
  const op = 'lion';
  if (typeof learningRate !== 'function') checkRate(op, learningRate, 'learningRate');
  if (!Array.isArray(betas) || betas.length !== 2 || betas.some((b) => typeof b !== 'number' || !(b >= 0 && b < 1))) {
    throw new ValueError(op, `betas must be two numbers in [0, 1), got ${JSON.stringify(betas)}`);
  }
  if (typeof weightDecay !== 'number' || !Number.isFinite(weightDecay) || weightDecay < 0) {
    throw new ValueError(op, `weightDecay must be a finite number ≥ 0, got ${String(weightDecay)}`);
  }
  const [beta1, beta2] = betas;
  return {
    init: (params) => ({ count: 0, momentum: mapTree(zerosLike, params) }),
    update(grads, state, params) {
      if (typeof state !== 'object' || state === null || Object.keys(state).length !== 2 || !('count' in state) || !('momentum' in state)) {
        throw new ValueError(op, `expected the state its init makes, { count, momentum }, got ${JSON.stringify(state)?.slice(0, 80)}; was it made by another optimizer?`);
      }
      const { count, momentum } = state;
      const lr = typeof learningRate === 'function' ? learningRate(count) : learningRate;
      if (typeof learningRate === 'function') checkRate(op, lr, `the schedule's value at step ${count}`);
      if (weightDecay > 0 && params === undefined) throw new ValueError(op, `weightDecay ${weightDecay} needs the params in update`);
      // (1) the step's direction: the sign of an interpolation between momentum and gradient
      const direction = mapTree((g, m) => sign(add(mul(m, beta1), mul(g, 1 - beta1))), grads, momentum);
      // (2) decoupled weight decay, then the rate
      const decayed = weightDecay > 0 ? mapTree((d, p) => add(d, mul(p, weightDecay)), direction, params as Params) : direction;
      const updates = mapTree((d) => mul(d, -lr), decayed);
      // (3) the momentum, with its own (slower) decay β₂
      const next = mapTree((g, m) => add(mul(m, beta2), mul(g, 1 - beta2)), grads, momentum);
      return [updates, { count: count + 1, momentum: next }];
    },
  };
}

function checkRate(op: string, lr: unknown, what: string): void {
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) throw new ValueError(op, `${what} must be a finite number ≥ 0, got ${String(lr)}`);
}
