import { nodeBuiltins } from '#node-builtins';
import { ValueError } from '@nn/tensor';
import { type IdxArray, type IdxHeader, decodeIdxData, describeHeader, parseIdx, parseIdxHeader } from './parse-idx';
import { readBytes, readHead } from './read-bytes';

export interface ReadIdxFileOptions {
  /**
   * Read only the first `count` items (along the first axis): of an uncompressed file, only those
   * bytes are read from disk. The file's size is still checked against its header.
   */
  readonly count?: number;
}

/** The largest IDX header: the magic number and 255 dimensions. */
const MAX_HEADER = 4 + 4 * 255;

/**
 * Reads the IDX file at `path` (Node only; {@link parseIdx} describes the format). A gzip-compressed
 * file (the `.gz` downloads of MNIST) is decompressed first. Errors name the file.
 */
export async function readIdxFile(path: string, { count }: ReadIdxFileOptions = {}): Promise<IdxArray> {
  const op = 'readIdxFile';
  try {
    if (count !== undefined && !(Number.isInteger(count) && count >= 0)) {
      throw new ValueError(op, `count must be a non-negative integer, got ${count}`);
    }
    const head = await readHead(op, path, MAX_HEADER);
    if (count === undefined || isGzip(head.bytes)) {
      const array = parseIdx(await gunzipIfNeeded(await readBytes(op, path)));
      return count === undefined ? array : firstItems(op, array, count);
    }
    const header = parseIdxHeader(op, head.bytes);
    checkFileSize(op, header, head.fileSize);
    const itemBytes = checkCount(op, header, count);
    const { bytes } = await readHead(op, path, header.headerSize + count * itemBytes);
    return { dtype: header.dtype, shape: [count, ...header.shape.slice(1)], data: decodeIdxData(header, bytes.subarray(header.headerSize)) };
  } catch (err) {
    throw withPath(err, path);
  }
}

/**
 * The header of the IDX file at `path` without reading its data (of a gzipped file, only the first
 * block is decompressed); an uncompressed file's size is checked against it.
 */
export async function readIdxHeader(path: string): Promise<IdxHeader> {
  const op = 'readIdxFile';
  try {
    const head = await readHead(op, path, MAX_HEADER);
    if (isGzip(head.bytes)) {
      const { bytes } = await readHead(op, path, 64 * 1024);
      const { gunzipSync, constants } = (await nodeBuiltins(op)).zlib;
      // NOTE: Z_SYNC_FLUSH returns what the truncated stream holds instead of failing at its end.
      return parseIdxHeader(op, gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }));
    }
    const header = parseIdxHeader(op, head.bytes);
    checkFileSize(op, header, head.fileSize);
    return header;
  } catch (err) {
    throw withPath(err, path);
  }
}

function checkFileSize(op: string, header: IdxHeader, fileSize: number): void {
  const got = fileSize - header.headerSize;
  if (got !== header.dataSize) {
    const what = got < header.dataSize ? 'truncated' : `${got - header.dataSize} bytes too long`;
    throw new ValueError(op, `${describeHeader(header)} needs ${header.dataSize} bytes of data after the ${header.headerSize}-byte header, got ${got} (${what})`);
  }
}

/** Checks that the file has `count` items; returns the bytes per item. */
function checkCount(op: string, { shape, dataSize }: Pick<IdxHeader, 'shape' | 'dataSize'>, count: number): number {
  if (shape.length === 0) throw new ValueError(op, 'count needs an IDX array of rank ≥ 1, got a scalar');
  if (count > shape[0]) throw new ValueError(op, `count ${count} is more than the ${shape[0]} items in the file`);
  return shape[0] === 0 ? 0 : dataSize / shape[0];
}

function firstItems(op: string, array: IdxArray, count: number): IdxArray {
  const perItem = checkCount(op, { shape: array.shape, dataSize: array.data.length }, count);
  return { ...array, shape: [count, ...array.shape.slice(1)], data: array.data.subarray(0, count * perItem) };
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function gunzipIfNeeded(bytes: Uint8Array): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  const { gunzipSync } = (await nodeBuiltins('readIdxFile')).zlib;
  const out = gunzipSync(bytes);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** Adds the file to a parse error's message: `parseIdx: …` becomes `readIdxFile: <path>: …`. */
function withPath(err: unknown, path: string): unknown {
  const e = err as { name?: string; op?: string; message?: string };
  if (e?.name !== 'ValueError' || typeof e.op !== 'string' || e.message === undefined || e.message.includes(path)) return err;
  return new ValueError('readIdxFile', `${path}: ${e.message.slice(e.op.length + 2)}`);
}
