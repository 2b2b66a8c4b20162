import { type Kernel, type KernelInput, sizeOf } from '@nn/tensor';
import { type Arena, align } from './arena';
import type { KernelExports } from './kernels-module';

/**
 * Products with fewer outputs than this per matrix stay in JS when k is large: a dot product or a
 * skinny gemv fills a fraction of one 4×8 register tile, and packing k rows of zero padding made
 * 1×1×10000 three times slower than the JS loop. NOTE: there is no size crossover otherwise: the wasm
 * path measured faster at every size down to 1×1×1 (0.3 µs against 1 µs for the JS gemm's set-up).
 */
const SKINNY_OUTPUT = 8;
const SKINNY_DEPTH = 64;

/**
 * The matmul primitive on the wasm SGEMM/DGEMM: both operands are copied into the arena once, every
 * matrix of the batch is multiplied there, and the output is copied out in one slice. Other dtypes,
 * k = 0 and, with `skinnyOnCpu`, dot-product-like shapes go to `fallback` (the CPU kernel).
 */
export function wasmMatmulKernel(wasm: KernelExports, arena: Arena, fallback: Kernel<'matmul'>, skinnyOnCpu: boolean): Kernel<'matmul'> {
  return (inputs, attrs, out) => {
    const [a, b] = inputs;
    const { transposeA, transposeB } = attrs;
    const rank = out.shape.length;
    const m = out.shape[rank - 2];
    const n = out.shape[rank - 1];
    const k = transposeA ? a.shape[a.shape.length - 2] : a.shape[a.shape.length - 1];
    const batchShape = out.shape.slice(0, rank - 2);
    const batches = sizeOf(batchShape);
    const dtype = out.dtype;
    const skinny = skinnyOnCpu && m * n < SKINNY_OUTPUT && k > SKINNY_DEPTH;
    if ((dtype !== 'float32' && dtype !== 'float64') || k === 0 || batches * m * n === 0 || skinny) {
      return fallback(inputs, attrs, out);
    }
    const ad = a.data as Float32Array | Float64Array;
    const bd = b.data as Float32Array | Float64Array;
    const size = dtype === 'float32' ? 4 : 8;
    const aPtr = arena.base;
    const bPtr = aPtr + align(ad.length * size);
    const cPtr = bPtr + align(bd.length * size);
    const work = cPtr + align(batches * m * n * size);
    if (!arena.reserve(work + wasm.gemmWorkBytes(m, n, k, size))) return fallback(inputs, attrs, out);
    const heap = size === 4 ? arena.f32() : arena.f64();
    heap.set(ad, aPtr / size);
    heap.set(bd, bPtr / size);
    const gemm = size === 4 ? wasm.sgemm : wasm.dgemm;
    const ta = transposeA ? 1 : 0;
    const tb = transposeB ? 1 : 0;
    if (batches === 1) {
      gemm(ta, tb, m, n, k, aPtr, bPtr, cPtr, work);
    } else {
      const [aStarts, bStarts] = batchStarts(batchShape, a, b);
      for (let i = 0; i < batches; i++) {
        gemm(ta, tb, m, n, k, aPtr + aStarts[i] * m * k * size, bPtr + bStarts[i] * k * n * size, cPtr + i * m * n * size, work);
      }
    }
    return heap.slice(cPtr / size, cPtr / size + batches * m * n);
  };
}

/**
 * For each matrix of the broadcast batch (row-major over `batchShape`), the index of the matrix of A
 * and of B that it multiplies: leading axes of size 1, or missing, broadcast.
 */
function batchStarts(batchShape: readonly number[], a: KernelInput, b: KernelInput): [Int32Array, Int32Array] {
  const count = sizeOf(batchShape);
  return [a, b].map((x) => {
    const own = x.shape.slice(0, -2);
    const lead = batchShape.length - own.length;
    // stride of each batch axis in matrices; 0 where x broadcasts along it
    const strides = batchShape.map(() => 0);
    for (let i = own.length - 1, s = 1; i >= 0; i--) {
      strides[lead + i] = own[i] === 1 ? 0 : s;
      s *= own[i];
    }
    const starts = new Int32Array(count);
    const counter = batchShape.map(() => 0);
    let offset = 0;
    for (let i = 0; i < count; i++) {
      starts[i] = offset;
      for (let axis = batchShape.length - 1; axis >= 0; axis--) {
        counter[axis]++;
        offset += strides[axis];
        if (counter[axis] < batchShape[axis]) break;
        offset -= strides[axis] * batchShape[axis];
        counter[axis] = 0;
      }
    }
    return starts;
  }) as [Int32Array, Int32Array];
}
