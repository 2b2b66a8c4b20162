import { ValueError } from '@nn/tensor';
import type { ConfusionMatrix } from './confusion-matrix';

const CORNER = 'true\\pred';

/**
 * An aligned text table of a confusion matrix: one row per true class, one column per predicted class,
 * headed by `labels` (default: the class indices); row names left-aligned, counts right-aligned, columns
 * two spaces apart, no trailing spaces.
 */
export function formatConfusionMatrix(cm: ConfusionMatrix, labels?: readonly string[]): string {
  const { matrix, numClasses } = cm;
  const names = labels === undefined ? Array.from({ length: numClasses }, (_, i) => String(i)) : labels.map(String);
  if (names.length !== numClasses) {
    throw new ValueError('formatConfusionMatrix', `expected ${numClasses} labels, got ${names.length}`);
  }
  const first = Math.max(CORNER.length, ...names.map((s) => s.length));
  const width = Math.max(...names.map((s) => s.length), ...matrix.flat().map((v) => String(v).length));
  const line = (head: string, cells: readonly string[]) => [head.padEnd(first), ...cells.map((c) => c.padStart(width))].join('  ');
  return [line(CORNER, names), ...matrix.map((row, t) => line(names[t], row.map(String)))].join('\n');
}
