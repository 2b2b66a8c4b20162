import { ShapeError, type Tensor, ValueError } from '@nn/tensor';
import { assertTensor, formatShape } from './classes';

/** The ROC curve: the i-th point is (fpr[i], tpr[i]) when scores ≥ thresholds[i] are called positive. */
export interface RocCurve {
  /** False-positive rates FP/N, from 0 up to 1. */
  readonly fpr: number[];
  /** True-positive rates TP/P, from 0 up to 1. */
  readonly tpr: number[];
  /** Decreasing; the first is +∞ (nothing called positive), then each distinct score once. */
  readonly thresholds: number[];
}

/**
 * The receiver operating characteristic of scores for a binary problem: for each distinct score s,
 * taken as the threshold from the highest down, the rates TP/P and FP/N of calling "score ≥ s"
 * positive. Tied scores move both rates in one step (a diagonal segment), so the curve does not
 * depend on the order of tied samples. Scores: float [N] or [N, 1] (probabilities, logits, any
 * monotone score); targets: 0/1 or ±1 (−1 negative), int32 or float. Both classes must occur.
 */
export function rocCurve(scores: Tensor, target: Tensor): RocCurve {
  const { s, y, positives, negatives } = binaryScores('rocCurve', scores, target);
  const order = Array.from(s.keys()).sort((a, b) => s[b] - s[a]);
  const fpr = [0];
  const tpr = [0];
  const thresholds = [Number.POSITIVE_INFINITY];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (y[i] === 1) tp++;
    else fp++;
    if (k + 1 < order.length && s[order[k + 1]] === s[i]) continue;
    fpr.push(fp / negatives);
    tpr.push(tp / positives);
    thresholds.push(s[i]);
  }
  return { fpr, tpr, thresholds };
}

/**
 * Area under the ROC curve by the trapezoid rule, in [0, 1]: the probability that a random positive
 * scores above a random negative, ties counting ½ — the Mann–Whitney U statistic divided by P·N.
 * @see J. A. Hanley, B. J. McNeil, "The meaning and use of the area under a ROC curve", Radiology 143, 1982
 */
export function rocAuc(scores: Tensor, target: Tensor): number {
  let area = 0;
  const { fpr, tpr } = rocCurve(scores, target);
  for (let i = 1; i < fpr.length; i++) area += ((fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1])) / 2;
  return area;
}

/** Scores as float64 values and binary targets as 0/1, with the class counts. */
export function binaryScores(op: string, scores: Tensor, target: Tensor) {
  assertTensor(op, scores, 'scores');
  assertTensor(op, target, 'target');
  const column = (x: Tensor) => x.rank === 1 || (x.rank === 2 && x.shape[1] === 1);
  if (!column(scores)) throw new ShapeError(op, `expected binary scores of shape [N] or [N, 1], got ${formatShape(scores.shape)}`);
  if (!column(target)) throw new ShapeError(op, `expected binary targets of shape [N] or [N, 1], got ${formatShape(target.shape)}`);
  if (scores.shape[0] !== target.shape[0]) {
    throw new ShapeError(op, `scores ${formatShape(scores.shape)} and target ${formatShape(target.shape)} have different sample counts`);
  }
  const s = Float64Array.from(scores.dataSync());
  const t = target.dataSync();
  const y = new Uint8Array(t.length);
  let minusOne = false;
  let zero = false;
  for (let i = 0; i < t.length; i++) {
    if (Number.isNaN(s[i])) throw new ValueError(op, `score is NaN at position ${i}`);
    if (t[i] !== 0 && t[i] !== 1 && t[i] !== -1) throw new ValueError(op, `binary target ${t[i]} at position ${i} is not 0, 1 or −1`);
    if (t[i] === -1) minusOne = true;
    if (t[i] === 0) zero = true;
    if (minusOne && zero) throw new ValueError(op, `binary target ${t[i]} at position ${i} mixes 0/1 and ±1 labels`);
    y[i] = t[i] === 1 ? 1 : 0;
  }
  const positives = y.reduce((a, b) => a + b, 0);
  const negatives = y.length - positives;
  if (positives === 0 || negatives === 0) {
    throw new ValueError(op, `needs both classes, got ${positives} positive and ${negatives} negative samples`);
  }
  return { s, y, positives, negatives };
}
