import type { TerminalBar } from './progress-bar';

/**
 * A cli-progress bar on `stream` (a terminal) showing `format`: the Node form of `#terminal-bar`
 * (package.json `imports`, condition `node`). cli-progress needs Node's `events` and `readline`,
 * so browsers get terminal-bar.browser.ts, which has none.
 */
export async function terminalBar(stream: NodeJS.WriteStream, format: string): Promise<TerminalBar | undefined> {
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  return new SingleBar({ format, stream, hideCursor: true, clearOnComplete: true }, Presets.shades_classic) as unknown as TerminalBar;
}
