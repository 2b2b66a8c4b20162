import { describe, expect, it } from 'vitest';
import { randomSearch } from '../search/random-search';
import { uniform } from '../search/search-space';
import { terminalProgress } from './terminal-progress';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, write: (s: string) => chunks.push(s) > 0 } as unknown as NodeJS.WritableStream & { isTTY: boolean } };
}

describe('terminalProgress', () => {
  it('prints one line per trial to a pipe', async () => {
    const { chunks, stream } = sink(false);
    await randomSearch({ space: { x: uniform(0, 1) }, objective: ({ x }) => x, trials: 3, onTrial: terminalProgress({ stream }) });
    expect(chunks).toHaveLength(3);
    expect(chunks[2]).toMatch(/^trial 3\/3 {2}score \d\.\d+ {2}best \d\.\d+ \(#\d\) {2}x=\d\.\d+ {2}\d\.\d\d s\n$/);
  });

  it('redraws a bar below the lines on a terminal, and clears it at the end', async () => {
    const { chunks, stream } = sink(true);
    await randomSearch({ space: { x: uniform(0, 1) }, objective: ({ x }) => x, trials: 2, onTrial: terminalProgress({ stream }) });
    expect(chunks[0]).toContain(`[${'█'.repeat(15)}${'·'.repeat(15)}] 1/2`);
    expect(chunks[1].endsWith('\n')).toBe(true);
  });
});
