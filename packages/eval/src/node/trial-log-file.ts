import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { parseTrialLog, trialLogLine } from '../search/trial-log';
import type { Trial } from '../search/trial';

/**
 * An `onTrial` callback that appends each trial to a JSON-lines file as it finishes (one synchronous
 * append per line, so a crash loses at most the trial being written).
 */
export function appendTrialLog(path: string): (trial: Trial<any>) => void {
  return (trial) => appendFileSync(path, trialLogLine(trial));
}

/** The trials logged in `path` (none when it does not exist yet), to pass as a search's `resume`. */
export function readTrialLog(path: string): Trial[] {
  return existsSync(path) ? parseTrialLog(readFileSync(path, 'utf8')) : [];
}
