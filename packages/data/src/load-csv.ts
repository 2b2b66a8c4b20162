// NOTE: not 'csv-parse/sync': it reads Node's global Buffer when it loads, which would break importing
// this package in a browser; this build of the same parser brings its own Buffer.
import { parse } from 'csv-parse/browser/esm/sync';
import { ValueError, fromTypedArray } from '@nn/tensor';
import type { FloatDType, Tensor } from '@nn/tensor';
import type { Dataset } from './dataset';
import { readBytes } from './read-bytes';

export interface LoadCsvOptions {
  /** The target column: a header name or a 0-based index. Default: the last column. */
  readonly target?: string | number;
  /** The feature columns, names or 0-based indices, in the order wanted. Default: every column but the target. */
  readonly columns?: readonly (string | number)[];
  /** Whether the first record names the columns. Default true. */
  readonly header?: boolean;
  /** The field delimiter. Default ','. */
  readonly delimiter?: string;
  /** The dtype of the features (and of a numeric target). Default float32. */
  readonly dtype?: FloatDType;
  /**
   * 'numeric': y is a float regression target. 'categorical': y holds int32 class labels indexing
   * `classNames`. 'auto' (default): numeric when every target cell is a number, else categorical.
   */
  readonly targetType?: 'auto' | 'numeric' | 'categorical';
  /**
   * The classes of a categorical target, in label order (implies 'categorical'); a cell naming
   * another class is an error. Default: the distinct cells, sorted (numerically when all are numbers).
   */
  readonly classNames?: readonly string[];
}

/** A Dataset loaded from CSV, with the names of what it holds. */
export interface CsvDataset extends Dataset {
  /** The features' column names (their indices as strings without a header), in x's column order. */
  readonly featureNames: readonly string[];
  readonly targetName: string;
  /** For a categorical target: label i of y means `classNames[i]`. */
  readonly classNames?: readonly string[];
}

/**
 * A Dataset from CSV text, or from the file `{ path }` (Node only; then a Promise): x is
 * [rows, features] of `dtype`, y is [rows], numeric or int32 class labels (see
 * {@link LoadCsvOptions.targetType}). Fields are trimmed and empty lines skipped; every feature cell
 * must be a decimal number (no empty cells, NaN or Infinity) and errors name the line and column.
 */
export function loadCsv(text: string, options?: LoadCsvOptions): CsvDataset;
export function loadCsv(source: { readonly path: string }, options?: LoadCsvOptions): Promise<CsvDataset>;
export function loadCsv(source: string | { readonly path: string }, options: LoadCsvOptions = {}): CsvDataset | Promise<CsvDataset> {
  if (typeof source === 'string') return parseCsvDataset(source, options);
  if (typeof source !== 'object' || source === null || typeof source.path !== 'string') {
    throw new ValueError('loadCsv', `expected CSV text or { path }, got ${source === null ? 'null' : typeof source}`);
  }
  return readBytes('loadCsv', source.path).then((bytes) => parseCsvDataset(new TextDecoder().decode(bytes), options, source.path));
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseCsvDataset(text: string, options: LoadCsvOptions, path?: string): CsvDataset {
  const op = 'loadCsv';
  const where = path === undefined ? '' : `${path}: `;
  const { header = true, delimiter = ',', dtype = 'float32', classNames: givenClasses } = options;
  const targetType = givenClasses !== undefined ? 'categorical' : (options.targetType ?? 'auto');
  if (dtype !== 'float32' && dtype !== 'float64') throw new ValueError(op, `dtype must be 'float32' or 'float64', got '${dtype}'`);
  if (targetType !== 'auto' && targetType !== 'numeric' && targetType !== 'categorical') {
    throw new ValueError(op, `targetType must be 'auto', 'numeric' or 'categorical', got '${targetType}'`);
  }

  // (1) records
  const csvOptions = { delimiter, bom: true, trim: true, skip_empty_lines: true };
  let records: string[][];
  try {
    records = parse(text, csvOptions);
  } catch (err) {
    throw new ValueError(op, `${where}${(err as Error).message}`);
  }
  /** The line of data row r, found by parsing again with line info: only on the way to an error. */
  const lineOf = (r: number): number => {
    const withInfo = parse(text, { ...csvOptions, info: true, to: r + 1 + (header ? 1 : 0) }) as unknown as { info: { lines: number } }[];
    return withInfo[withInfo.length - 1].info.lines;
  };
  const names = header ? (records.shift() ?? []) : (records[0]?.map((_, i) => String(i)) ?? []);
  if (records.length === 0) throw new ValueError(op, `${where}no data rows`);

  // (2) which columns
  const column = (c: string | number, role: string): number => resolveColumn(op, where, names, header, c, role);
  const t = column(options.target ?? names.length - 1, 'target');
  const featureColumns = options.columns?.map((c) => column(c, 'feature')) ?? names.map((_, i) => i).filter((i) => i !== t);
  if (featureColumns.includes(t)) throw new ValueError(op, `${where}the target column ${describe(names, header, t)} is also listed as a feature`);
  if (featureColumns.length === 0) throw new ValueError(op, `${where}no feature columns`);
  const label = (i: number) => describe(names, header, i);

  // (3) features
  const n = records.length;
  const f = featureColumns.length;
  const x = dtype === 'float32' ? new Float32Array(n * f) : new Float64Array(n * f);
  for (let r = 0; r < n; r++) {
    const record = records[r];
    for (let j = 0; j < f; j++) {
      const cell = record[featureColumns[j]];
      if (!NUMBER.test(cell)) throw new ValueError(op, `${where}line ${lineOf(r)}, column ${label(featureColumns[j])}: ${notANumber(cell)}`);
      x[r * f + j] = Number(cell);
    }
  }

  // (4) target
  const cells = records.map((record) => record[t]);
  const numeric = targetType === 'numeric' || (targetType === 'auto' && cells.every((c) => NUMBER.test(c)));
  const base = { featureNames: featureColumns.map((i) => names[i]), targetName: names[t] };
  const xs = fromTypedArray(x, [n, f], dtype);
  if (numeric) {
    const y = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
    for (let r = 0; r < n; r++) {
      if (!NUMBER.test(cells[r])) throw new ValueError(op, `${where}line ${lineOf(r)}, column ${label(t)}: ${notANumber(cells[r])}`);
      y[r] = Number(cells[r]);
    }
    return Object.freeze({ x: xs, y: fromTypedArray(y, [n], dtype), ...base });
  }
  const classNames = givenClasses ? [...givenClasses] : sortClasses([...new Set(cells)]);
  const labels = categoricalLabels(op, where, cells, classNames, (r) => `line ${lineOf(r)}, column ${label(t)}`);
  return Object.freeze({ x: xs, y: labels, ...base, classNames: Object.freeze(classNames) });
}

/** The 0-based index of a column given by header name or index. */
function resolveColumn(op: string, where: string, names: readonly string[], header: boolean, c: string | number, role: string): number {
  if (typeof c === 'number') {
    if (!Number.isInteger(c) || c < 0 || c >= names.length) {
      throw new ValueError(op, `${where}${role} column index ${c} is out of range: the file has ${names.length} columns`);
    }
    return c;
  }
  if (!header) throw new ValueError(op, `${where}${role} column '${c}' given by name, but header is false; give a 0-based index`);
  const i = names.indexOf(c);
  if (i < 0) throw new ValueError(op, `${where}no ${role} column '${c}'; the header has ${names.map((s) => `'${s}'`).join(', ')}`);
  if (names.indexOf(c, i + 1) >= 0) throw new ValueError(op, `${where}${role} column '${c}' appears more than once in the header; give a 0-based index`);
  return i;
}

function describe(names: readonly string[], header: boolean, i: number): string {
  return header ? `'${names[i]}' (index ${i})` : String(i);
}

function notANumber(cell: string): string {
  return cell === '' ? 'the cell is empty, expected a number' : `'${cell}' is not a number`;
}

/** Numerically when every name is a number, else by UTF-16 code units (locale-independent). */
function sortClasses(names: string[]): string[] {
  if (names.every((s) => NUMBER.test(s))) return names.sort((a, b) => Number(a) - Number(b));
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function categoricalLabels(op: string, where: string, cells: readonly string[], classNames: readonly string[], at: (row: number) => string): Tensor {
  const index = new Map<string, number>();
  classNames.forEach((name, i) => {
    if (index.has(name)) throw new ValueError(op, `${where}class '${name}' appears twice in classNames`);
    index.set(name, i);
  });
  const y = new Int32Array(cells.length);
  for (let r = 0; r < cells.length; r++) {
    const label = index.get(cells[r]);
    if (label === undefined) {
      throw new ValueError(op, `${where}${at(r)}: '${cells[r]}' is not one of the classes ${classNames.map((s) => `'${s}'`).join(', ')}`);
    }
    y[r] = label;
  }
  return fromTypedArray(y, [y.length], 'int32');
}
