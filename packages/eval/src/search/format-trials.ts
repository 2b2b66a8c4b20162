import { type SearchMode, type Trial, sortTrials } from './trial';

export interface FormatTrialsOptions {
  /** Default 'min'. */
  readonly mode?: SearchMode;
  /** Rows shown (the best ones); default all. */
  readonly limit?: number;
  /** Significant digits of scores and real parameters. Default 4. */
  readonly digits?: number;
  /** Show each trial's wall-clock seconds. Default true. */
  readonly seconds?: boolean;
}

/** A number with `digits` significant digits, without exponent noise for ordinary magnitudes. */
function formatValue(v: unknown, digits: number): string {
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(digits - 1) : String(Number(v.toPrecision(digits)));
}

/**
 * The trials as an aligned text table sorted best first (failed ones last, their error after the row): rank,
 * trial id, score, one column per parameter, seconds.
 */
export function formatTrials<P extends Record<string, unknown>>(
  trials: readonly Trial<P>[] | { readonly trials: readonly Trial<P>[]; readonly mode: SearchMode },
  { mode, limit, digits = 4, seconds = true }: FormatTrialsOptions = {},
): string {
  const list = 'trials' in trials ? trials.trials : trials;
  const m = mode ?? ('mode' in trials ? trials.mode : 'min');
  const names = list.length === 0 ? [] : Object.keys(list[0].params);
  const sorted = sortTrials(list, m).slice(0, limit ?? list.length);
  const head = ['rank', 'trial', 'score', ...names, ...(seconds ? ['seconds'] : [])];
  const rows = sorted.map((t, i) => [
    String(i + 1),
    String(t.id),
    t.score === null ? 'failed' : formatValue(t.score, digits),
    ...names.map((n) => formatValue(t.params[n], digits)),
    ...(seconds ? [t.seconds.toFixed(2)] : []),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  // numbers right-aligned, parameter values (which may be strings) left-aligned
  const line = (cells: string[]) => cells.map((cell, c) => (c >= 3 && c < 3 + names.length ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(head), ...rows.map((r, i) => (sorted[i].score === null ? `${line(r)}  ${sorted[i].error ?? ''}` : line(r)))].map((l) => l.trimEnd()).join('\n');
}

/**
 * One progress line for a finished trial: "trial 3/32  score 0.1234  best 0.1000 (#1)  lr=0.01 units=64  0.31 s"
 * (a failed trial shows its error). Pass it to `onTrial` to print a search as it runs.
 */
export function formatTrialLine<P extends Record<string, unknown>>(
  trial: Trial<P>,
  progress: { readonly done: number; readonly total: number; readonly best: Trial<P> | undefined },
  digits = 4,
): string {
  const w = String(progress.total).length;
  const score = trial.score === null ? `failed (${trial.error ?? 'no error'})` : `score ${formatValue(trial.score, digits)}`;
  const best = progress.best === undefined ? 'best —' : `best ${formatValue(progress.best.score, digits)} (#${progress.best.id})`;
  const params = Object.entries(trial.params).map(([k, v]) => `${k}=${formatValue(v, digits)}`).join(' ');
  return `trial ${String(progress.done).padStart(w)}/${progress.total}  ${score}  ${best}  ${params}  ${trial.seconds.toFixed(2)} s`;
}
