import { DTypeError, ShapeError, type Tensor, ValueError } from '@nn/tensor';
import { assertTensor, formatShape } from './classes';

export interface LogLossOptions {
  /** The prediction holds logits (binary: one per sample; multiclass: [N, C]) rather than probabilities. Default false. */
  readonly fromLogits?: boolean;
  /** Probabilities are clipped to [eps, 1 − eps] before the log. Default 1e-15. */
  readonly eps?: number;
}

/** ln(1 + eˣ) without overflow. */
const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

/**
 * Cross-entropy of the targets under the predicted distribution, averaged over samples, as a number
 * (computed in float64). Binary: prediction [N] or [N, 1] — the probability of class 1, or its logit —
 * and targets in [0, 1] (int32 0/1 or float, soft allowed): −[t ln p + (1 − t) ln(1 − p)]. Multiclass:
 * prediction [N, C] — probability rows, or logits — and int32 labels [N] or probability rows [N, C]:
 * −Σ_c t_c ln p_c. Probabilities are clipped to [eps, 1 − eps] (eps = 1e-15 by default, scikit-learn's
 * long-time choice), so one confident mistake costs at most −ln eps ≈ 34.5, not ∞. With `fromLogits`
 * the log-probabilities come exactly from log-sigmoid / log-softmax and nothing is clipped.
 */
export function logLoss(prediction: Tensor, target: Tensor, { fromLogits = false, eps = 1e-15 }: LogLossOptions = {}): number {
  const op = 'logLoss';
  assertTensor(op, prediction, 'prediction');
  assertTensor(op, target, 'target');
  if (prediction.dtype === 'int32') throw new DTypeError(op, `expected float32 or float64 ${fromLogits ? 'logits' : 'probabilities'}, got int32`);
  if (!(eps > 0 && eps < 0.5)) throw new ValueError(op, `eps must lie in (0, 0.5), got ${eps}`);
  if (prediction.rank < 1 || prediction.rank > 2) {
    throw new ShapeError(op, `expected a prediction of shape [N], [N, 1] or [N, C], got ${formatShape(prediction.shape)}`);
  }
  const [n, c = 1] = prediction.shape;
  if (n === 0) throw new ValueError(op, 'no samples: the log-loss of an empty batch is undefined');
  const z = prediction.dataSync();
  const t = target.dataSync();
  const nan = z.findIndex((v) => Number.isNaN(v));
  if (nan >= 0) throw new ValueError(op, `prediction is NaN at position ${nan}`);
  if (!fromLogits) {
    const bad = z.findIndex((p) => !(p >= 0 && p <= 1));
    if (bad >= 0) throw new ValueError(op, `probability ${z[bad]} at position ${bad} is not in [0, 1]; pass { fromLogits: true } for logits`);
  }
  const logP = (p: number) => Math.log(Math.min(Math.max(p, eps), 1 - eps));
  let total = 0;

  if (c === 1) {
    if (target.shape[0] !== n || !(target.rank === 1 || (target.rank === 2 && target.shape[1] === 1))) {
      throw new ShapeError(op, `binary targets must have shape [${n}] or [${n},1] for a prediction ${formatShape(prediction.shape)}, got ${formatShape(target.shape)}`);
    }
    assertProbabilities(op, t, 'target');
    for (let i = 0; i < n; i++) {
      // ln σ(z) = −softplus(−z), ln(1 − σ(z)) = −softplus(z)
      const [logYes, logNo] = fromLogits ? [-softplus(-z[i]), -softplus(z[i])] : [logP(z[i]), logP(1 - z[i])];
      total -= t[i] * logYes + (1 - t[i]) * logNo;
    }
    return total / n;
  }

  const logRow = (i: number): number[] => {
    const row = Array.from(z.subarray(i * c, (i + 1) * c));
    if (!fromLogits) return row.map(logP);
    const m = Math.max(...row);
    const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
    return row.map((v) => v - lse);
  };
  if (target.dtype === 'int32') {
    if (target.rank !== 1 || target.shape[0] !== n) {
      throw new ShapeError(op, `int32 labels must have shape [${n}] for a prediction ${formatShape(prediction.shape)}, got ${formatShape(target.shape)}`);
    }
    for (let i = 0; i < n; i++) {
      if (t[i] < 0 || t[i] >= c) throw new ValueError(op, `label ${t[i]} at position ${i} is out of range for ${c} classes (expected 0 … ${c - 1})`);
      total -= logRow(i)[t[i]];
    }
  } else {
    if (formatShape(target.shape) !== formatShape(prediction.shape)) {
      throw new ShapeError(op, `probability targets must have the prediction's shape ${formatShape(prediction.shape)}, got ${formatShape(target.shape)}; class labels must be int32`);
    }
    assertProbabilities(op, t, 'target');
    for (let i = 0; i < n; i++) {
      const logs = logRow(i);
      for (let k = 0; k < c; k++) if (t[i * c + k] !== 0) total -= t[i * c + k] * logs[k];
    }
  }
  return total / n;
}

function assertProbabilities(op: string, values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!(values[i] >= 0 && values[i] <= 1)) throw new ValueError(op, `${what} ${values[i]} at position ${i} is not in [0, 1]`);
  }
}
