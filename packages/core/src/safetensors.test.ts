import { describe, expect, it } from 'vitest';
import { tensor } from '@nn/tensor';
import { decodeSafetensors, encodeSafetensors } from './safetensors';

describe('encodeSafetensors / decodeSafetensors', () => {
  const tensors = new Map([
    ['0.w', tensor([[0.1, -2.5e-8], [3e30, 7]], undefined, 'float32')],
    ['0.b', tensor([Math.PI, -0], undefined, 'float64')],
    ['labels', tensor([3, -1, 2147483647], undefined, 'int32')],
  ]);

  it('round-trips names, shapes, dtypes and every bit of the values', () => {
    const { tensors: back, metadata } = decodeSafetensors(encodeSafetensors(tensors, { format: 'nn-model' }));
    expect([...back.keys()]).toEqual(['0.w', '0.b', 'labels']);
    for (const [name, t] of tensors) {
      const u = back.get(name)!;
      expect(u.dtype).toBe(t.dtype);
      expect(u.shape).toEqual(t.shape);
      expect(new Uint8Array(u.dataSync().buffer)).toEqual(new Uint8Array(t.dataSync().buffer));
    }
    expect(metadata).toEqual({ format: 'nn-model' });
  });

  it('decodes a Node Buffer that is a view into a larger pool, as fs.readFile gives', () => {
    const encoded = encodeSafetensors(tensors);
    const pool = Buffer.alloc(encoded.length + 13, 0xff);
    encoded.forEach((b, i) => { pool[5 + i] = b; });
    const { tensors: back } = decodeSafetensors(pool.subarray(5, 5 + encoded.length));
    for (const [name, t] of tensors) expect(back.get(name)!.dataSync()).toEqual(t.dataSync());
  });

  it('writes the layout of the format: u64 header length, JSON header padded to 8 bytes, data', () => {
    const bytes = encodeSafetensors(new Map([['x', tensor([1, 2], undefined, 'float32')]]));
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + headerLength) % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
    expect(header).toEqual({ x: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } });
    expect(bytes.length).toBe(8 + headerLength + 8);
    expect(Array.from(new Float32Array(bytes.slice(8 + headerLength).buffer))).toEqual([1, 2]);
  });

  it('refuses truncated or corrupt files with the reason', () => {
    const bytes = encodeSafetensors(tensors);
    expect(() => decodeSafetensors(bytes.subarray(0, 4))).toThrow('decodeSafetensors: expected at least 8 bytes, got 4');
    expect(() => decodeSafetensors(bytes.subarray(0, bytes.length - 4))).toThrow("decodeSafetensors: tensor 'labels' of shape [3] I32 does not match its data offsets");
    const broken = bytes.slice();
    broken[9] = 0x7b; // '{' inside the JSON
    broken[10] = 0x7b;
    expect(() => decodeSafetensors(broken)).toThrow('decodeSafetensors: header is not valid JSON');
  });
});
