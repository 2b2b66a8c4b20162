import { ValueError } from '@nn/tensor';
import type { Trial } from './trial';

/** One trial as a line of a JSON-lines log (ends with a newline). */
export function trialLogLine(trial: Trial<Record<string, unknown>>): string {
  const { id, params, score, status, error, seed, seconds } = trial;
  return `${JSON.stringify(error === undefined ? { id, params, score, status, seed, seconds } : { id, params, score, status, error, seed, seconds })}\n`;
}

/**
 * The trials of a JSON-lines log, to pass as `resume` to the same search (same space, seed and batch
 * size), which then replays them and runs only the rest. Blank lines are skipped; a truncated last
 * line (a crash while writing) is dropped; any other bad line is a ValueError naming it.
 */
export function parseTrialLog(text: string): Trial[] {
  const lines = text.split('\n');
  const out: Trial[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let t: Trial;
    try {
      t = JSON.parse(line) as Trial;
    } catch {
      if (i === lines.length - 1) return; // no newline yet: the writer stopped mid-line
      throw new ValueError('parseTrialLog', `line ${i + 1} is not JSON: ${line.slice(0, 60)}`);
    }
    const ok = t !== null && typeof t === 'object' && Number.isInteger(t.id) && t.id >= 0 && typeof t.params === 'object' && t.params !== null &&
      (t.status === 'ok' ? typeof t.score === 'number' : t.status === 'failed' && t.score === null) && Number.isFinite(t.seed) && Number.isFinite(t.seconds);
    if (!ok) throw new ValueError('parseTrialLog', `line ${i + 1} is not a trial (id, params, score, status, seed, seconds): ${line.slice(0, 60)}`);
    out.push(t);
  });
  return out;
}
