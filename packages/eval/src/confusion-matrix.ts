import { ShapeError, type Tensor, ValueError } from '@nn/tensor';
import { type ClassificationOptions, decodeClasses } from './classes';

/** Counts of (true class, predicted class) pairs. */
export interface ConfusionMatrix {
  /** `matrix[t][p]`: samples of true class t predicted as p (rows: true class, columns: predicted). */
  readonly matrix: number[][];
  readonly numClasses: number;
}

/**
 * Counts how often each true class (row) was predicted as each class (column); inputs as for
 * `errorCount`. Every class must lie in [0, numClasses), and a [N, C] input must have C = numClasses
 * (binary outputs: 2).
 */
export function confusionMatrix(prediction: Tensor, target: Tensor, numClasses: number, options?: ClassificationOptions): ConfusionMatrix {
  const op = 'confusionMatrix';
  if (!Number.isInteger(numClasses) || numClasses < 1) throw new ValueError(op, `numClasses must be a positive integer, got ${numClasses}`);
  const { predicted, actual, classes } = decodeClasses(op, prediction, target, options);
  if (classes !== undefined && classes !== numClasses) {
    throw new ShapeError(op, `the inputs have ${classes} classes but numClasses is ${numClasses}`);
  }
  const matrix = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < predicted.length; i++) {
    const [t, p] = [actual[i], predicted[i]];
    if (t >= numClasses) throw new ValueError(op, `label ${t} at position ${i} is out of range for ${numClasses} classes (expected 0 … ${numClasses - 1})`);
    if (p >= numClasses) throw new ValueError(op, `predicted class ${p} at position ${i} is out of range for ${numClasses} classes (expected 0 … ${numClasses - 1})`);
    matrix[t][p]++;
  }
  return { matrix, numClasses };
}
