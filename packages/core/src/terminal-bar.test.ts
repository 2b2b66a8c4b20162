import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { terminalBar as browserBar } from './terminal-bar.browser';
import { terminalBar as nodeBar } from './terminal-bar.node';

/** A terminal 80 columns wide that keeps what is written to it. */
function fakeTerminal() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY: true, columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream, text: () => chunks.join('') };
}

describe('terminalBar', () => {
  it('on Node, draws a cli-progress bar in the given format', async () => {
    const { stream, text } = fakeTerminal();
    const bar = await nodeBar(stream, 'epoch {epoch} [{bar}] {value}/{total} batches  loss {loss}');
    expect(bar).toBeDefined();
    bar!.start(4, 0, { epoch: '1/2', loss: '-' });
    bar!.update(3, { epoch: '1/2', loss: '0.5000' });
    bar!.stop();
    expect(text()).toContain('epoch 1/2 [');
    expect(text()).toContain('3/4 batches  loss 0.5000');
  });

  it('in a browser, gives no bar (progressBar then prints one line per epoch)', async () => {
    const { stream, text } = fakeTerminal();
    expect(await browserBar(stream, 'epoch {epoch}')).toBeUndefined();
    expect(text()).toBe('');
  });
});
