import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomSearch } from '../search/random-search';
import { uniform } from '../search/search-space';
import { appendTrialLog, readTrialLog } from './trial-log-file';

describe('appendTrialLog / readTrialLog', () => {
  it('logs a search to a file and resumes it from there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-eval-'));
    try {
      const path = join(dir, 'search.jsonl');
      expect(readTrialLog(path)).toEqual([]);
      const space = { x: uniform(0, 1) };
      const first = await randomSearch({ space, objective: ({ x }) => x, trials: 3, seed: 9, onTrial: appendTrialLog(path) });
      expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(3);
      const ran: number[] = [];
      const resumed = await randomSearch({
        space, trials: 5, seed: 9, resume: readTrialLog(path), onTrial: appendTrialLog(path),
        objective: ({ x }, { trial }) => { ran.push(trial); return x; },
      });
      expect(ran).toEqual([3, 4]);
      expect(resumed.trials.slice(0, 3)).toEqual(first.trials);
      expect(readTrialLog(path)).toEqual(resumed.trials);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
