import { describe, expect, it } from 'vitest';
import { ValueError } from '@nn/tensor';
import { parseTrialLog, trialLogLine } from './trial-log';
import type { Trial } from './trial';

const ok: Trial = { id: 0, params: { lr: 0.1 }, score: 0.5, status: 'ok', seed: 9, seconds: 0.25 };
const failed: Trial = { id: 1, params: { lr: 1 }, score: null, status: 'failed', error: 'diverged', seed: 10, seconds: 0.5 };

describe('trial log', () => {
  it('writes one JSON line per trial and reads it back', () => {
    const text = trialLogLine(ok) + trialLogLine(failed);
    expect(text.split('\n')).toHaveLength(3);
    expect(parseTrialLog(text)).toEqual([ok, failed]);
  });

  it('drops a half-written last line (a crash while writing) and skips blank lines', () => {
    const text = `${trialLogLine(ok)}\n${trialLogLine(failed).slice(0, 20)}`;
    expect(parseTrialLog(text)).toEqual([ok]);
  });

  it('refuses other bad lines, naming them', () => {
    expect(() => parseTrialLog(`{oops\n${trialLogLine(ok)}`)).toThrow(new ValueError('parseTrialLog', 'line 1 is not JSON: {oops'));
    expect(() => parseTrialLog('{"id":0}\n')).toThrow(/line 1 is not a trial/);
  });
});
