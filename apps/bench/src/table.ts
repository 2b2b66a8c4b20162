import type { WorkloadId } from './flags';

/** One measured (or failed) figure: one library on one backend for one case of a workload. */
export interface Figure {
  readonly workload: WorkloadId;
  /** The case within the workload, e.g. 'n = 512' or 'MLP 784-256-10'. */
  readonly case: string;
  readonly library: string;
  readonly backend: string;
  /** True for @nn's own figures: the ratio column compares the best of these with every peer. */
  readonly ours: boolean;
  readonly samplesPerSecond?: number;
  readonly gflops?: number;
  /** Test accuracy in [0, 1] after the accuracy run (full runs only). */
  readonly accuracy?: number;
  /** Why there is no figure ('n/a'), or what to know about it. */
  readonly note?: string;
  /** How it was measured (sizes, samples, epochs, milliseconds), for the JSON file. */
  readonly detail?: Readonly<Record<string, number | string | boolean>>;
}

/** The figure a workload ranks by: GFLOPS for sgemm, samples/s otherwise. */
export type Metric = 'gflops' | 'samplesPerSecond';

/** `ours / peer` as text: '3.20×' (> 1: @nn is faster), 'n/a' when either is missing. */
export function ratio(ours: number | undefined, peer: number | undefined): string {
  if (ours === undefined || peer === undefined || !(ours > 0) || !(peer > 0)) return 'n/a';
  const r = ours / peer;
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
}

/** 12,345 · 123.4 · 1.23 · 0.0123: about three significant digits, thousands grouped. */
export function formatNumber(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

/** Columns padded to their widest cell: text columns (`left`) left-aligned, the rest right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], left: readonly number[] = [0, 1]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (left.includes(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The largest defined `metric` among @nn's figures of one case, if any. */
export function bestOurs(figures: readonly Figure[], metric: Metric): number | undefined {
  const values = figures.filter((f) => f.ours && f[metric] !== undefined).map((f) => f[metric]!);
  return values.length === 0 ? undefined : Math.max(...values);
}

/**
 * The table of one workload: a row per library/backend and case, with samples/s, GFLOPS, accuracy
 * (columns that are empty for every row are left out), and `@nn best ÷ this`, the ratio of @nn's best
 * backend in the same case to that row's figure (> 1: @nn is faster).
 */
export function workloadTable(figures: readonly Figure[], metric: Metric): string {
  const columns: { title: string; cell: (f: Figure, best: number | undefined) => string; show: boolean }[] = [
    { title: 'case', cell: (f) => f.case, show: true },
    { title: 'library/backend', cell: (f) => `${f.library} ${f.backend}`, show: true },
    { title: 'samples/s', cell: (f) => cellOf(f, f.samplesPerSecond), show: figures.some((f) => f.samplesPerSecond !== undefined) },
    { title: 'GFLOPS', cell: (f) => cellOf(f, f.gflops), show: figures.some((f) => f.gflops !== undefined) },
    { title: 'test acc.', cell: accuracyCell, show: figures.some((f) => f.accuracy !== undefined) },
    { title: '@nn best ÷ this', cell: (f, best) => (f.ours ? '' : ratio(best, f[metric])), show: true },
    { title: 'note', cell: (f) => f.note ?? '', show: figures.some((f) => f.note !== undefined) },
  ];
  const shown = columns.filter((c) => c.show);
  const rows = figures.map((f) => {
    const best = bestOurs(figures.filter((g) => g.case === f.case), metric);
    return shown.map((c) => c.cell(f, best));
  });
  const titles = shown.map((c) => c.title);
  return formatTable(titles, rows, [0, 1, titles.indexOf('note')].filter((c) => c >= 0));
}

/** '97.1%', or '97.1% (5 ep)' when the epochs are known. */
function accuracyCell(f: Figure): string {
  if (f.accuracy === undefined) return '';
  const epochs = f.detail?.accuracyEpochs;
  return `${(f.accuracy * 100).toFixed(1)}%${epochs === undefined ? '' : ` (${epochs} ep)`}`;
}

function cellOf(f: Figure, value: number | undefined): string {
  if (value !== undefined) return formatNumber(value);
  return f.samplesPerSecond === undefined && f.gflops === undefined ? 'n/a' : '';
}
