import {
  type Rng, type Tensor, NnError, ShapeError, add, createRng, formatShape, matmul, mul, reshape, slice, square, sub, sum, valueAndGrad, zeros,
} from '@nn/tensor';

export interface DeltaRuleOptions {
  /** ε in Δw = ε·(t − y)·x. */
  readonly learningRate: number;
  readonly epochs?: number;
  /** 'online': update after every sample; 'batch': after summing over all samples. Default 'online'. */
  readonly mode?: 'online' | 'batch';
  readonly shuffle?: boolean;
  readonly rng?: Rng;
}

export interface DeltaRuleResult {
  readonly weights: Tensor;
  readonly bias: number;
  /** E = ½·mean (t − y)² over the data after each epoch. */
  readonly errors: readonly number[];
}

/**
 * The delta rule (Widrow–Hoff LMS) for a linear neuron y = w·x + b: Δw = ε·(t − y)·x, the gradient
 * step on E = ½(t − y)²; online (one sample at a time) or batch (summed over the data).
 * @see Widrow & Hoff (1960), Adaptive switching circuits.
 */
export function deltaRule(x: Tensor, targets: Tensor, { learningRate, epochs = 100, mode = 'online', shuffle = false, rng = createRng(0) }: DeltaRuleOptions): DeltaRuleResult {
  const op = 'deltaRule';
  if (x.rank !== 2) throw new ShapeError(op, `expected inputs of shape [N, D], got ${formatShape(x.shape)}`);
  const [n, d] = x.shape;
  if (targets.size !== n) throw new ShapeError(op, `x has ${n} samples but targets has ${targets.size}`);
  if (!(learningRate > 0)) throw new NnError(op, `learningRate must be positive, got ${learningRate}`);
  const t = reshape(targets, [n, 1]);
  const params = { w: zeros([d, 1], x.dtype), b: zeros([1], x.dtype) };
  // E = ½ Σ (t − y)², summed over the batch so that a batch step is the sum of the online steps.
  const halfSquaredError = (p: typeof params, xs: Tensor, ts: Tensor) => mul(sum(square(sub(ts, add(matmul(xs, p.w), p.b)))), 0.5);
  const step = (xs: Tensor, ts: Tensor) => {
    const { grads } = valueAndGrad((p) => halfSquaredError(p, xs, ts), params);
    params.w = sub(params.w, mul(grads.w, learningRate));
    params.b = sub(params.b, mul(grads.b, learningRate));
  };
  const errors: number[] = [];
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    if (mode === 'batch') step(x, t);
    else {
      if (shuffle) rng.shuffle(order);
      for (const i of order) step(slice(x, [i], [1]), slice(t, [i], [1]));
    }
    errors.push(halfSquaredError(params, x, t).item() / n);
  }
  return { weights: reshape(params.w, [d]), bias: params.b.item(), errors };
}
