import type { TerminalBar } from './progress-bar';

/**
 * The browser form of `#terminal-bar` (package.json `imports`, condition `browser`): no terminal, no
 * bar; `progressBar` prints one plain line per epoch instead.
 */
export async function terminalBar(_stream: NodeJS.WriteStream, _format: string): Promise<TerminalBar | undefined> {
  return undefined;
}
