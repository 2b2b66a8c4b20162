import { fromTypedArray } from '@nn/tensor';
import { type LoadTableOptions, type TableDataset, checkDType, freezeTable } from './table';
import { DIGITS_ROWS } from './tables/digits';

export interface LoadDigitsOptions extends LoadTableOptions {
  /** x as images [N, 1, 8, 8] instead of rows of 64 pixels [N, 64] (default false). */
  readonly images?: boolean;
}

/**
 * The UCI optical digits, 8×8: 1797 handwritten digits 0–9 (about 180 each), each pixel the count of
 * inked cells in a 4×4 block of the 32×32 bitmap, so 0 … 16 (kept as is; divide by 16 for [0, 1]).
 * The test part of the UCI set, as scikit-learn's `load_digits`. Pixel names `pixel_r_c`.
 * Licence: CC BY 4.0 (UCI Machine Learning Repository, doi:10.24432/C50P49).
 * @see E. Alpaydin, C. Kaynak, "Cascading classifiers", Kybernetika 34(4), 1998
 */
export function loadDigits({ dtype = 'float32', images = false }: LoadDigitsOptions = {}): TableDataset {
  checkDType('loadDigits', dtype);
  const lines = DIGITS_ROWS.split('\n');
  const n = lines.length;
  const x = dtype === 'float64' ? new Float64Array(n * 64) : new Float32Array(n * 64);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const line = lines[i];
    for (let j = 0; j < 64; j++) x[i * 64 + j] = parseInt(line[j], 17);
    y[i] = parseInt(line[64], 17);
  }
  const featureNames = Array.from({ length: 64 }, (_, j) => `pixel_${Math.floor(j / 8)}_${j % 8}`);
  const classNames = Array.from({ length: 10 }, (_, d) => String(d));
  return freezeTable(fromTypedArray(x, images ? [n, 1, 8, 8] : [n, 64], dtype), fromTypedArray(y, [n], 'int32'), featureNames, classNames);
}
