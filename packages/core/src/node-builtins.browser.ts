import { NnError } from '@nn/tensor';
import type { nodeBuiltins as nodeForm } from './node-builtins.node';

/**
 * The browser form of `#node-builtins` (package.json `imports`, condition `browser`): there is no file
 * system, so `save` and `load` fail with an error naming them and what works instead.
 */
export async function nodeBuiltins(op: string): ReturnType<typeof nodeForm> {
  throw new NnError(
    op,
    'a model folder on disk needs Node (a browser has no file system); in a browser use saveToIndexedDB / loadFromIndexedDB, or modelToFiles / downloadModel and modelFromFiles',
  );
}
