import { type Tensor, ValueError } from '@nn/tensor';
import type { ClassificationOptions } from './classes';
import { confusionMatrix } from './confusion-matrix';

/** Precision, recall and F1 of one class (or an average of them). */
export interface ClassScores {
  /** TP / (TP + FP): of the samples predicted as the class, the fraction that belong to it. */
  readonly precision: number;
  /** TP / (TP + FN): of the samples of the class, the fraction predicted as it. */
  readonly recall: number;
  /** 2·P·R / (P + R), the harmonic mean of precision and recall. */
  readonly f1: number;
}

export interface ClassificationReport {
  /** One entry per class, with `support` = the number of samples of that true class. */
  readonly perClass: readonly (ClassScores & { readonly support: number })[];
  /** Unweighted mean of the per-class precision, recall and F1: every class counts the same. */
  readonly macro: ClassScores;
  /**
   * From the pooled counts ΣTP, ΣFP, ΣFN: every sample counts the same. In single-label
   * classification ΣFP = ΣFN = the errors, so micro precision = recall = F1 = accuracy.
   */
  readonly micro: ClassScores;
  /** Mean of the per-class scores weighted by support. */
  readonly weighted: ClassScores;
  readonly accuracy: number;
  readonly support: number;
}

/**
 * Per-class precision P = TP/(TP+FP), recall R = TP/(TP+FN) and F1 = 2PR/(P+R), with their macro,
 * micro and support-weighted averages; inputs as for `confusionMatrix`. A ratio whose denominator is
 * 0 (a class never predicted, or absent from the targets) counts as 0, as scikit-learn's default does.
 */
export function classificationReport(
  prediction: Tensor,
  target: Tensor,
  numClasses: number,
  options?: ClassificationOptions,
): ClassificationReport {
  const { matrix } = confusionMatrix(prediction, target, numClasses, options);
  const n = matrix.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  if (n === 0) throw new ValueError('classificationReport', 'no samples: precision and recall of an empty batch are undefined');
  let tpAll = 0;
  let fpAll = 0;
  let fnAll = 0;
  const perClass = matrix.map((row, c) => {
    const tp = row[c];
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((s, r) => s + r[c], 0);
    tpAll += tp;
    fpAll += predicted - tp;
    fnAll += support - tp;
    return { ...scores(tp, predicted - tp, support - tp), support };
  });
  const mean = (w: (i: number) => number) => {
    const total = perClass.reduce((s, _, i) => s + w(i), 0);
    const avg = (k: keyof ClassScores) => (total === 0 ? 0 : perClass.reduce((s, p, i) => s + w(i) * p[k], 0) / total);
    return { precision: avg('precision'), recall: avg('recall'), f1: avg('f1') };
  };
  return {
    perClass,
    macro: mean(() => 1),
    micro: scores(tpAll, fpAll, fnAll),
    weighted: mean((i) => perClass[i].support),
    accuracy: tpAll / n,
    support: n,
  };
}

function scores(tp: number, fp: number, fn: number): ClassScores {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
