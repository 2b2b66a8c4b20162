import { nodeBuiltins } from '#node-builtins';
import { NnError } from '@nn/tensor';

// Node's fs is imported when a file is first read, never at module load, and only through
// `#node-builtins`, whose browser form has no Node import: the package must still bundle and load in a
// browser, where only the functions that take bytes or text work.

/** The whole file at `path`; a missing file gets an error naming `op` and the path. */
export async function readBytes(op: string, path: string): Promise<Uint8Array> {
  const { readFile } = (await nodeBuiltins(op)).fs;
  try {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length); // a plain Uint8Array, not a Buffer
  } catch (err) {
    throw fileError(op, path, err);
  }
}

/** The first `length` bytes of the file (fewer if it is shorter) and its total size. */
export async function readHead(op: string, path: string, length: number): Promise<{ bytes: Uint8Array; fileSize: number }> {
  const { open } = (await nodeBuiltins(op)).fs;
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw fileError(op, path, err);
  }
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(Math.min(length, size));
    let read = 0;
    while (read < bytes.length) {
      const { bytesRead } = await handle.read(bytes, read, bytes.length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return { bytes: bytes.subarray(0, read), fileSize: size };
  } finally {
    await handle.close();
  }
}

/** True when `path` names an existing file. */
export async function fileExists(op: string, path: string): Promise<boolean> {
  const { stat } = (await nodeBuiltins(op)).fs;
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function fileError(op: string, path: string, err: unknown): NnError {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT') return new NnError(op, `no such file: ${path}`);
  if (code === 'EISDIR') return new NnError(op, `${path} is a folder, expected a file`);
  return new NnError(op, `cannot read ${path}: ${(err as Error).message}`);
}
