// Test helper (not exported from the package).

/** An IDX file built by hand: magic [0, 0, code, rank], big-endian uint32 dims, big-endian elements. */
export function idxBytes(code: number, shape: readonly number[], values: readonly number[]): Uint8Array {
  const size = { 0x08: 1, 0x09: 1, 0x0b: 2, 0x0c: 4, 0x0d: 4, 0x0e: 8 }[code] ?? 1;
  const bytes = new Uint8Array(4 + 4 * shape.length + size * values.length);
  const view = new DataView(bytes.buffer);
  view.setUint8(2, code);
  view.setUint8(3, shape.length);
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const at = (i: number) => 4 + 4 * shape.length + size * i;
  values.forEach((v, i) => {
    if (code === 0x08) view.setUint8(at(i), v);
    else if (code === 0x09) view.setInt8(at(i), v);
    else if (code === 0x0b) view.setInt16(at(i), v, false);
    else if (code === 0x0c) view.setInt32(at(i), v, false);
    else if (code === 0x0d) view.setFloat32(at(i), v, false);
    else view.setFloat64(at(i), v, false);
  });
  return bytes;
}
