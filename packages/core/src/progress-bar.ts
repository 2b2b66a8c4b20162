import { terminalBar } from '#terminal-bar';
import type { EpochLogs, TrainingCallback } from './callbacks';

/** How a number of seconds reads in an ETA: 42s, 3m05s, 1h02m. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One line summing up an epoch: `epoch 3/10  loss 0.1234  accuracy 0.9650  val_loss …  5,120 samples/s  4.2s`. */
export function formatEpoch(logs: EpochLogs, epochs: number): string {
  const parts = [`epoch ${logs.epoch}/${epochs}`, `loss ${logs.loss.toFixed(4)}`];
  for (const [k, v] of Object.entries(logs.metrics)) parts.push(`${k} ${v.toFixed(4)}`);
  if (logs.valLoss !== undefined) parts.push(`val_loss ${logs.valLoss.toFixed(4)}`);
  for (const [k, v] of Object.entries(logs.valMetrics ?? {})) parts.push(`val_${k} ${v.toFixed(4)}`);
  parts.push(`${Math.round(logs.samplesPerSecond).toLocaleString('en-US')} samples/s`, `${logs.seconds.toFixed(1)}s`);
  return parts.join('  ');
}

/** What progressBar needs of a terminal progress bar (cli-progress's SingleBar, on Node). */
export interface TerminalBar {
  start(total: number, value: number, payload: Record<string, string>): void;
  update(value: number, payload: Record<string, string>): void;
  stop(): void;
}

/**
 * The progress display fit adds by default: on a terminal, a cli-progress bar per epoch with batch,
 * loss, samples/s and ETA; elsewhere (CI, pipes, browsers) one plain line per epoch. cli-progress is
 * reached only through `#terminal-bar`'s Node form, so a browser bundle never includes it.
 */
export function progressBar({ stream = typeof process === 'undefined' ? undefined : process.stdout }: { stream?: NodeJS.WriteStream } = {}): TrainingCallback {
  const callback = makeProgressBar(stream);
  readsOnlyBatchLogs.add(callback);
  return callback;
}

/**
 * Callbacks whose `onBatchEnd` reads nothing but its logs (numbers) and returns nothing to await: fit
 * calls it from inside a run of steps (see step-run.ts) instead of ending the run for it. The progress
 * bar is one.
 */
export const readsOnlyBatchLogs = new WeakSet<TrainingCallback>();

function makeProgressBar(stream: NodeJS.WriteStream | undefined): TrainingCallback {
  let bar: TerminalBar | undefined;
  let epochs = 0;
  let started = 0;
  let samples = 0;
  let lossSum = 0;
  const tty = stream?.isTTY === true;
  const write = (line: string) => (stream ? stream.write(`${line}\n`) : console.log(line));
  return {
    async onTrainBegin(info) {
      epochs = info.epochs;
      if (!tty) return;
      bar = await terminalBar(stream!, 'epoch {epoch} [{bar}] {value}/{total} batches  loss {loss}  {rate} samples/s  ETA {eta_formatted}');
    },
    onEpochBegin(epoch) {
      started = performance.now();
      samples = 0;
      lossSum = 0;
      bar?.start(0, 0, { epoch: `${epoch}/${epochs}`, loss: '-', rate: '-' });
    },
    onBatchEnd(logs) {
      if (bar === undefined) return;
      samples += logs.size;
      lossSum += logs.loss * logs.size;
      if (logs.batch === 1) bar.start(logs.batches, 0, { epoch: `${logs.epoch}/${epochs}`, loss: '-', rate: '-' });
      const rate = samples / ((performance.now() - started) / 1000);
      bar.update(logs.batch, { epoch: `${logs.epoch}/${epochs}`, loss: (lossSum / samples).toFixed(4), rate: Math.round(rate).toLocaleString('en-US') });
    },
    onEpochEnd(logs) {
      bar?.stop();
      write(formatEpoch(logs, epochs));
    },
    onTrainEnd() {
      bar?.stop();
    },
  };
}
