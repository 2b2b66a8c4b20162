import { DTypeError, fromTypedArray } from '@nn/tensor';
import type { Dataset } from '../dataset';

/** A bundled table: x float [N, F], y int32 class labels [N], and what the columns and labels mean. */
export interface TableDataset extends Dataset {
  /** The features' names, in x's column order. */
  readonly featureNames: readonly string[];
  /** Label i of y means `classNames[i]`. */
  readonly classNames: readonly string[];
}

export interface LoadTableOptions {
  /** The dtype of x: 'float32' (default) or 'float64'. */
  readonly dtype?: 'float32' | 'float64';
}

/** Parses `rows` ("v,…,v,label" per line) into a frozen TableDataset. */
export function parseTable(
  op: string,
  rows: string,
  featureNames: readonly string[],
  classNames: readonly string[],
  { dtype = 'float32' }: LoadTableOptions = {},
): TableDataset {
  checkDType(op, dtype);
  const lines = rows.split('\n');
  const n = lines.length;
  const f = featureNames.length;
  const x = dtype === 'float64' ? new Float64Array(n * f) : new Float32Array(n * f);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cells = lines[i].split(',');
    for (let j = 0; j < f; j++) x[i * f + j] = Number(cells[j]);
    y[i] = Number(cells[f]);
  }
  return freezeTable(fromTypedArray(x, [n, f], dtype), fromTypedArray(y, [n], 'int32'), featureNames, classNames);
}

export function checkDType(op: string, dtype: unknown): void {
  if (dtype !== 'float32' && dtype !== 'float64') throw new DTypeError(op, `dtype must be 'float32' or 'float64', got ${String(dtype)}`);
}

export function freezeTable(x: Dataset['x'], y: Dataset['y'], featureNames: readonly string[], classNames: readonly string[]): TableDataset {
  return Object.freeze({ x, y, featureNames: Object.freeze([...featureNames]), classNames: Object.freeze([...classNames]) });
}
