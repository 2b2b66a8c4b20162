import { type Backend, cpuBackend, setBackend } from '@nn/core';
import type { BenchData } from './data';
import type { WorkloadId } from './flags';
import { messageOf } from './nn-optional';
import type { Plan } from './plan';
import type { Figure } from './table';
import { type Measurement, measure, measureTogether } from './measure';

/** An @nn backend the bench measures: always 'cpu', and 'wasm' when createWasmBackend is found. */
export interface NnBackend {
  readonly name: string;
  readonly backend: Backend;
}

export interface Context {
  readonly quick: boolean;
  readonly plan: Plan;
  readonly nnBackends: readonly NnBackend[];
  data(): Promise<BenchData>;
  /** A line on stderr while the bench runs (the tables go to stdout). */
  progress(line: string): void;
}

/** Runs `fn` with `b` installed, then puts the CPU backend back. */
export async function withNnBackend<T>(b: NnBackend, fn: () => T | Promise<T>): Promise<T> {
  setBackend(b.backend);
  try {
    return await fn();
  } finally {
    setBackend(cpuBackend);
  }
}

/** `withNnBackend` for a synchronous `fn` (a trainer's accuracy). */
export function withNnBackendSync<T>(b: NnBackend, fn: () => T): T {
  setBackend(b.backend);
  try {
    return fn();
  } finally {
    setBackend(cpuBackend);
  }
}

export type Row = Pick<Figure, 'workload' | 'case' | 'library' | 'backend' | 'ours'>;

/**
 * Runs one measurement; a thrown error becomes an 'n/a' figure with the error's first line as the
 * note, so that one failing library never stops the bench.
 */
export async function attempt(ctx: Context, row: Row, measure: () => Promise<Omit<Figure, keyof Row>>): Promise<Figure> {
  const label = `${row.workload} ${row.case} · ${row.library} ${row.backend}`;
  ctx.progress(`${label} …`);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  try {
    const measured = await measure();
    const wallMs = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    // The CPU time this process got over the wall time: well below 1 when other work shares the cores.
    const cpuShare = Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 100) / 100;
    const figure: Figure = { ...row, ...measured, detail: { ...measured.detail, cpuShare } };
    const seconds = (wallMs / 1000).toFixed(1);
    const value = figure.gflops !== undefined && figure.samplesPerSecond === undefined
      ? `${figure.gflops.toFixed(2)} GFLOPS`
      : `${Math.round(figure.samplesPerSecond ?? 0)} samples/s`;
    ctx.progress(`${label}: ${value}${figure.accuracy === undefined ? '' : `, accuracy ${(figure.accuracy * 100).toFixed(1)}%`} (${seconds} s, CPU share ${cpuShare})`);
    return figure;
  } catch (error) {
    ctx.progress(`${label}: n/a (${messageOf(error)})`);
    return { ...row, note: messageOf(error) };
  }
}

/** An 'n/a' figure known before measuring (library not found, kernel missing). */
export function notAvailable(row: Row, reason: string): Figure {
  return { ...row, note: reason };
}

export type { WorkloadId };

/** One library in a group timed together: its row, and a set-up that returns the call to time. */
export interface Contender {
  readonly row: Row;
  /** Builds the inputs (and switches backends) and returns the timed call; `teardown` frees them. */
  readonly setup: () => Promise<{ readonly run: () => void; readonly teardown?: () => void }>;
}

/**
 * Times the contenders interleaved (measureTogether) and turns each median into a figure with `toFigure`.
 * A contender whose set-up throws becomes 'n/a'; should a timed call throw, every contender is timed
 * again on its own (measure), so one failing library never costs the others their figures.
 */
export async function attemptTogether(
  ctx: Context,
  contenders: readonly Contender[],
  timing: { warmup?: number; minMs?: number; minRuns?: number },
  toFigure: (m: Measurement) => Omit<Figure, keyof Row>,
): Promise<Figure[]> {
  const ready: { row: Row; run: () => void; teardown?: () => void }[] = [];
  const failed = new Map<Row, string>();
  for (const { row, setup } of contenders) {
    try {
      ready.push({ row, ...(await setup()) });
    } catch (error) {
      failed.set(row, messageOf(error));
    }
  }
  ctx.progress(`${contenders[0]?.row.workload} ${contenders[0]?.row.case} · ${ready.map((r) => `${r.row.library} ${r.row.backend}`).join(', ')} interleaved …`);
  const figures = new Map<Row, Figure>();
  try {
    const measured = measureTogether(ready.map((r) => r.run), timing);
    ready.forEach((r, i) => figures.set(r.row, withDetail({ ...r.row, ...toFigure(measured[i]) }, { interleaved: ready.length > 1 })));
  } catch {
    for (const r of ready) figures.set(r.row, await attempt(ctx, r.row, async () => toFigure(measure(r.run, timing))));
  } finally {
    for (const r of ready) r.teardown?.();
  }
  return contenders.map(({ row }) => figures.get(row) ?? { ...row, note: failed.get(row) ?? 'not measured' });
}

function withDetail(figure: Figure, extra: Readonly<Record<string, boolean>>): Figure {
  return { ...figure, detail: { ...figure.detail, ...extra } };
}

/**
 * @nn's contenders with tfjs's: @nn's backends and tfjs wasm timed together, run by run, and tfjs cpu
 * (~50× slower) on its own. `tfjs(backend)` builds tfjs's contender on that backend, or is the reason
 * tfjs is unavailable. The figures in table order: @nn's, then tfjs cpu, then tfjs wasm.
 */
export async function attemptWithTfjs(
  ctx: Context,
  ours: readonly Contender[],
  tfjsRow: (backend: 'cpu' | 'wasm') => Row,
  tfjs: ((backend: 'cpu' | 'wasm') => Contender) | string,
  timing: { warmup?: number; minMs?: number; minRuns?: number },
  toFigure: (m: Measurement) => Omit<Figure, keyof Row>,
): Promise<Figure[]> {
  if (typeof tfjs === 'string') {
    return [...await attemptTogether(ctx, ours, timing, toFigure), notAvailable(tfjsRow('cpu'), tfjs), notAvailable(tfjsRow('wasm'), tfjs)];
  }
  const together = await attemptTogether(ctx, [...ours, tfjs('wasm')], timing, toFigure);
  const [cpuFigure] = await attemptTogether(ctx, [tfjs('cpu')], timing, toFigure);
  return [...together.slice(0, ours.length), cpuFigure, together[ours.length]];
}
