import { NnError } from '@nn/tensor';
import type { nodeBuiltins as nodeForm } from './node-builtins.node';

/**
 * The browser form of `#node-builtins` (package.json `imports`, condition `browser`): there is no file
 * system, so every file loader fails with an error naming it and what works instead.
 */
export async function nodeBuiltins(op: string): ReturnType<typeof nodeForm> {
  throw new NnError(
    op,
    'reading files needs Node (a browser has no file system); in a browser, fetch the bytes or text and pass them in: parseIdx(bytes) for IDX files, loadCsv(text) for CSV',
  );
}
