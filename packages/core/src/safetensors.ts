import { type DType, NnError, type Tensor, fromTypedArray } from '@nn/tensor';

/** safetensors dtype names for ours. */
const codes: Record<DType, string> = { float32: 'F32', float64: 'F64', int32: 'I32' };
const dtypes: Record<string, DType> = { F32: 'float32', F64: 'float64', I32: 'int32' };
const bytesPer: Record<DType, number> = { float32: 4, float64: 8, int32: 4 };

/**
 * Encodes named tensors in the safetensors format (Hugging Face): an 8-byte little-endian header length,
 * a JSON header { name: { dtype, shape, data_offsets: [begin, end] }, __metadata__ }, padded with spaces
 * to 8 bytes, then the raw little-endian data in header order. Values are stored bit for bit.
 * @see https://github.com/huggingface/safetensors (format description)
 */
export function encodeSafetensors(tensors: ReadonlyMap<string, Tensor>, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of tensors) {
    const size = t.size * bytesPer[t.dtype];
    header[name] = { dtype: codes[t.dtype], shape: [...t.shape], data_offsets: [offset, offset + size] };
    offset += size;
  }
  let json = JSON.stringify(header);
  const encoder = new TextEncoder();
  while ((encoder.encode(json).length + 8) % 8 !== 0) json += ' ';
  const headerBytes = encoder.encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const t of tensors.values()) {
    const data = t.dataSync();
    out.set(new Uint8Array(littleEndian(data).buffer, data.byteOffset, data.byteLength), at);
    at += data.byteLength;
  }
  return out;
}

/** Decodes a safetensors buffer into named tensors (in header order) and its metadata. */
export function decodeSafetensors(bytes: Uint8Array): { tensors: Map<string, Tensor>; metadata: Record<string, string> } {
  const op = 'decodeSafetensors';
  if (bytes.length < 8) throw new NnError(op, `expected at least 8 bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (8 + headerLength > bytes.length) throw new NnError(op, `header of ${headerLength} bytes runs past the end of a ${bytes.length}-byte file`);
  let header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] } | Record<string, string>>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch (e) {
    throw new NnError(op, `header is not valid JSON (${(e as Error).message})`);
  }
  const base = 8 + headerLength;
  const tensors = new Map<string, Tensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = entry as Record<string, string>;
      continue;
    }
    const { dtype: code, shape, data_offsets: [begin, end] } = entry as { dtype: string; shape: number[]; data_offsets: [number, number] };
    const dtype = dtypes[code];
    if (dtype === undefined) throw new NnError(op, `tensor '${name}' has dtype ${code}; supported: F32, F64, I32`);
    const count = shape.reduce((a, b) => a * b, 1);
    if (end - begin !== count * bytesPer[dtype] || base + end > bytes.length) {
      throw new NnError(op, `tensor '${name}' of shape [${shape}] ${code} does not match its data offsets [${begin}, ${end}] in a ${bytes.length}-byte file`);
    }
    // A copy, aligned and owned by the tensor: Uint8Array's own slice, because Node's Buffer.slice is a view.
    const raw = Uint8Array.prototype.slice.call(bytes, base + begin, base + end);
    const data = dtype === 'float64' ? new Float64Array(raw.buffer) : dtype === 'int32' ? new Int32Array(raw.buffer) : new Float32Array(raw.buffer);
    tensors.set(name, fromTypedArray(littleEndian(data), shape, dtype));
  }
  return { tensors, metadata };
}

const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The data in little-endian byte order (a byte-swapped copy on big-endian hosts). */
function littleEndian<T extends Float32Array | Float64Array | Int32Array>(data: T): T {
  if (hostIsLittleEndian) return data;
  const copy = data.slice() as T;
  const bytes = new Uint8Array(copy.buffer);
  const width = copy.BYTES_PER_ELEMENT;
  for (let i = 0; i < bytes.length; i += width) bytes.subarray(i, i + width).reverse();
  return copy;
}
