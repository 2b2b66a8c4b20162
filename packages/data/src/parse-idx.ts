import { ValueError } from '@nn/tensor';

/** Element types of the IDX format, by the type code in the third byte of the magic number. */
export type IdxDType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** The typed array `parseIdx` returns for each IDX element type. */
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** One IDX array: its element type, dimensions (first = items) and elements in row-major order. */
export interface IdxArray {
  readonly dtype: IdxDType;
  readonly shape: readonly number[];
  readonly data: IdxData;
}

/** Type code (magic byte 2) → element type and size in bytes. */
const TYPES: Readonly<Record<number, readonly [IdxDType, number]>> = {
  0x08: ['uint8', 1],
  0x09: ['int8', 1],
  0x0b: ['int16', 2],
  0x0c: ['int32', 4],
  0x0d: ['float32', 4],
  0x0e: ['float64', 8],
};

/** What an IDX header says: element type, shape, and where the data starts. */
export interface IdxHeader {
  readonly dtype: IdxDType;
  readonly shape: readonly number[];
  /** Bytes per element. */
  readonly itemSize: number;
  /** Bytes before the data: 4 (magic) + 4 per dimension. */
  readonly headerSize: number;
  /** Bytes of data the shape calls for. */
  readonly dataSize: number;
}

/**
 * Decodes an array in LeCun's IDX format (the MNIST files): a magic number of two zero bytes, a type
 * code (0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64) and the rank, then
 * one big-endian uint32 per dimension, then the elements, big-endian, row-major. The byte count must
 * be exactly what the header calls for. uint8 and int8 data are views into `bytes` (no copy).
 * @see Y. LeCun, C. Cortes, C. J. C. Burges, "The MNIST database of handwritten digits", http://yann.lecun.com/exdb/mnist/
 */
export function parseIdx(bytes: Uint8Array): IdxArray {
  const op = 'parseIdx';
  if (!(bytes instanceof Uint8Array)) {
    throw new ValueError(op, `expected the file's bytes as a Uint8Array (or Buffer), got ${bytes === null ? 'null' : typeof bytes}`);
  }
  const header = parseIdxHeader(op, bytes);
  const got = bytes.length - header.headerSize;
  if (got !== header.dataSize) {
    const what = got < header.dataSize ? 'truncated' : `${got - header.dataSize} bytes too long`;
    throw new ValueError(op, `${describeHeader(header)} needs ${header.dataSize} bytes of data after the ${header.headerSize}-byte header, got ${got} (${what})`);
  }
  return { dtype: header.dtype, shape: header.shape, data: decodeIdxData(header, bytes.subarray(header.headerSize)) };
}

/** Reads and checks the magic number and dimensions at the start of `bytes` (the data may be absent). */
export function parseIdxHeader(op: string, bytes: Uint8Array): IdxHeader {
  if (bytes.length < 4) throw new ValueError(op, `expected at least the 4-byte IDX magic number, got ${bytes.length} bytes`);
  const magic = hex(((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0, 8);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new ValueError(op, `these bytes are gzip-compressed (magic 0x1f8b); decompress them first (readIdxFile does so)`);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new ValueError(op, `bad magic number ${magic}: an IDX file starts with two zero bytes, a type code and the rank`);
  }
  const type = TYPES[bytes[2]];
  if (type === undefined) {
    throw new ValueError(op, `bad magic number ${magic}: unknown type code ${hex(bytes[2], 2)}, expected 0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e`);
  }
  const rank = bytes[3];
  const headerSize = 4 + 4 * rank;
  if (bytes.length < headerSize) {
    throw new ValueError(op, `the header of a rank-${rank} IDX file has ${headerSize} bytes, got ${bytes.length} (truncated)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerSize);
  const shape: number[] = [];
  for (let i = 0; i < rank; i++) shape.push(view.getUint32(4 + 4 * i, false));
  const [dtype, itemSize] = type;
  const dataSize = shape.reduce((p, d) => p * d, 1) * itemSize;
  return { dtype, shape, itemSize, headerSize, dataSize };
}

/** The elements in `body` (exactly the data bytes of `header`'s shape, or of a leading block of items). */
export function decodeIdxData(header: Pick<IdxHeader, 'dtype' | 'itemSize'>, body: Uint8Array): IdxData {
  const n = body.length / header.itemSize;
  switch (header.dtype) {
    case 'uint8':
      return body;
    case 'int8':
      return new Int8Array(body.buffer, body.byteOffset, n);
  }
  // NOTE: big-endian and possibly unaligned, so no typed-array view; DataView reads each element.
  const view = new DataView(body.buffer, body.byteOffset, body.length);
  switch (header.dtype) {
    case 'int16': {
      const out = new Int16Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt16(2 * i, false);
      return out;
    }
    case 'int32': {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt32(4 * i, false);
      return out;
    }
    case 'float32': {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(4 * i, false);
      return out;
    }
    case 'float64': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(8 * i, false);
      return out;
    }
  }
}

/** "uint8 [60000,28,28]" */
export function describeHeader({ dtype, shape }: Pick<IdxHeader, 'dtype' | 'shape'>): string {
  return `${dtype} [${shape.join(',')}]`;
}

function hex(v: number, digits: number): string {
  return `0x${v.toString(16).padStart(digits, '0')}`;
}
