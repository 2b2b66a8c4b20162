import { formatTrialLine } from '../search/format-trials';
import type { SearchProgress } from '../search/run-search';
import type { Trial } from '../search/trial';

export interface TerminalProgressOptions {
  /** Default process.stderr. */
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

/**
 * An `onTrial` callback that prints a search's progress: a line per trial, and on a terminal a
 * progress bar ("[█████·····] 16/32") kept below the lines and redrawn in place.
 */
export function terminalProgress({ stream = process.stderr }: TerminalProgressOptions = {}) {
  return (trial: Trial<any>, progress: SearchProgress<any>): void => {
    const line = formatTrialLine(trial, progress);
    if (!stream.isTTY) {
      stream.write(`${line}\n`);
      return;
    }
    const width = 30;
    const filled = Math.round((width * progress.done) / progress.total);
    const bar = `[${'█'.repeat(filled)}${'·'.repeat(width - filled)}] ${progress.done}/${progress.total}`;
    stream.write(`\r\x1b[2K${line}\n${progress.done === progress.total ? '' : bar}`);
  };
}
