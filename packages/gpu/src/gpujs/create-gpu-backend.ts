import { type Backend, type DType, type Kernel, type KernelInput, type KernelOutput, type Primitive, type PrimitiveAttrs, type TypedArray, ValueError, cpuBackend } from '@nn/tensor';
import { type DeviceStorage, createDeviceMemory, isDeviceStorage } from './device-memory';
import type { GpuJsInstance, GpuJsKernelRun, GpuJsTexture, KernelModeOf } from './gpujs-types';
import { binaryKernelFunctions } from './kernels/binary-kernels';
import { matmulKernel } from './kernels/matmul-kernel';
import { maxKernel, minKernel, sumKernel } from './kernels/reduce-kernels';
import { stridedCopyKernel, whereKernel } from './kernels/strided-kernels';
import { copyKernel, unaryKernelFunctions } from './kernels/unary-kernels';
import { type GpuMode, openGpu } from './open-gpu';
import { broadcastStrides, contiguousStrides, planBatch, planReduce, planStrided } from './plan';
import { binaryOps, unaryOps } from './primitive-groups';

export interface GpuBackendOptions {
  /** Where gpu.js runs the kernels. Default 'auto': gpu.js's choice (a GL context, else WebAssembly, else JS). */
  readonly mode?: GpuMode;
}

/** A Backend whose hot primitives run as gpu.js kernels; `name` is `gpu.js:<mode>`. */
export interface GpuBackend extends Backend {
  /** The kernel class gpu.js picked: 'headlessgl', 'webgl2', 'webgl', 'webasm' or 'cpu'. */
  readonly mode: string;
  /** True in the GL modes, where float32 results stay in textures until downloaded. */
  readonly deviceResident: boolean;
  /** The primitives that run as gpu.js kernels (on float32 data); the rest run the CPU backend's kernels. */
  readonly devicePrimitives: readonly Primitive[];
  /** Textures alive now (GL modes; 0 otherwise). */
  readonly liveTextures: number;
  /** For each compiled kernel, the mode it actually runs in (gpu.js falls back to 'cpu' per kernel when it must). */
  kernelModes(): Record<string, string>;
  /** Frees every texture and kernel; tensors of this backend are unusable afterwards. */
  destroy(): Promise<void>;
}

/** GL loops need a static bound: loops over k (matmul) and the reduced axis stop long before it. */
const LOOP_MAX = 1 << 24;
/** Longest run of a reduced axis one thread sums; longer runs take another pass over the partial results. */
const REDUCE_CHUNK = 1024;
const GL_MODES: ReadonlySet<string> = new Set(['headlessgl', 'webgl', 'webgl2']);

type ArgType = 'Array' | 'Integer' | string;
type AnyKernel = (inputs: readonly KernelInput[], attrs: never, out: KernelOutput) => unknown;

/**
 * Creates a backend that runs matmul, the elementwise ops, where, the sum/max/min reductions and the
 * strided layout ops (broadcastTo, permute, slice) as gpu.js kernels, on float32 data only: gpu.js
 * computes in float32, so float64 and int32 inputs, like every other primitive, run the CPU backend's
 * kernels on host copies. gpu.js is imported here, not when @nn/gpu is.
 *
 * In the GL modes a result stays in its texture until `download` (dataSync) asks for it, and the
 * texture is deleted when its tensor is garbage-collected or disposed. In the 'webasm' and 'cpu' modes
 * storage is a plain Float32Array, as on the CPU backend.
 */
export async function createGpuBackend({ mode = 'auto' }: GpuBackendOptions = {}): Promise<GpuBackend> {
  const { gpu, modeOf } = await openGpu(mode);
  return backendOn(gpu, modeOf);
}

/** The backend over a gpu.js GPU instance, or anything shaped like one (tests pass gpu-mock.js's). */
export function backendOn(gpu: GpuJsInstance, modeOf: KernelModeOf = (kernelClass) => kernelClass.mode): GpuBackend {
  const actual = modeOf(gpu.Kernel);
  const onDevice = GL_MODES.has(actual);
  const memory = createDeviceMemory();
  const compiled = new Map<string, { run: GpuJsKernelRun; output: string }>();

  // ---- kernel launches -------------------------------------------------------------------------

  const argType = (arg: unknown): ArgType =>
    typeof arg === 'number' ? 'Integer' : ArrayBuffer.isView(arg) ? 'Array' : (arg as { type: string }).type;
  // NOTE: a GL kernel built for a texture argument accepts only textures of the same class, and the
  // class follows the producing kernel's output rank while `type` does not; the cache key tells them apart.
  const textureClasses = new Map<unknown, number>();
  const argKey = (arg: unknown): string => {
    if (typeof arg === 'number' || ArrayBuffer.isView(arg)) return argType(arg);
    const cls = (arg as object).constructor;
    if (!textureClasses.has(cls)) textureClasses.set(cls, textureClasses.size);
    return `${argType(arg)}#${textureClasses.get(cls)}`;
  };

  /** Runs kernel `fn` over `dims` (gpu.js order: [x, y?, z?]); one compiled kernel per name and argument kinds. */
  function launch(name: string, fn: (...args: never[]) => number, dims: number[], args: unknown[]): Float32Array | GpuJsTexture {
    // NOTE: always three output dimensions, so that every texture is of one class (gpu.js picks the class
    // by output rank) and each kernel compiles once rather than once per combination of input ranks.
    const output = [dims[0], dims[1] ?? 1, dims[2] ?? 1];
    const argumentTypes = args.map(argType);
    const key = `${name}/${args.map(argKey).join(',')}`;
    const outputKey = output.join('x');
    let entry = compiled.get(key);
    if (!entry) {
      const run = gpu.createKernel(fn, {
        output,
        argumentTypes,
        dynamicOutput: true,
        dynamicArguments: true,
        pipeline: onDevice,
        immutable: true,
        precision: 'single',
        tactic: 'precision',
        loopMaxIterations: LOOP_MAX,
      });
      entry = { run, output: outputKey };
      compiled.set(key, entry);
    } else if (entry.output !== outputKey) {
      entry.run.setOutput(output);
      entry.output = outputKey;
    }
    const result = entry.run(...args);
    // NOTE: gpu.js's WebAssembly kernels compile one module per argument-size signature and keep 8;
    // a training loop cycles through more shapes than that per kernel.
    if (entry.run.kernel.moduleCacheLimit !== undefined && entry.run.kernel.moduleCacheLimit < 64) {
      entry.run.kernel.moduleCacheLimit = 64;
    }
    let size = 1;
    for (const d of output) size *= d;
    return onDevice ? (result as GpuJsTexture) : flattenOutput(result, size);
  }

  // ---- storage ---------------------------------------------------------------------------------

  const assertLive = (storage: DeviceStorage): void => {
    if (storage.disposed || (!storage.handle.texture && !storage.handle.host)) {
      throw new ValueError('gpu.js backend', 'this tensor was disposed (or its backend destroyed); its elements are gone');
    }
  };

  /** Host elements of any storage of this backend (typed arrays are their own host copy). */
  function hostOf(data: unknown): TypedArray {
    if (!isDeviceStorage(data)) return data as TypedArray;
    assertLive(data);
    const { handle } = data;
    handle.host ??= flattenOutput(handle.texture!.toArray(), 0);
    return handle.host;
  }

  /** A kernel argument: the texture in GL modes (uploading a host array once), else the Float32Array. */
  function argOf(data: unknown): Float32Array | GpuJsTexture {
    if (!onDevice) return hostOf(data) as Float32Array;
    // a bare array (not made by this backend) gets a storage of its own, so that its texture is freed with it
    const storage = isDeviceStorage(data) ? data : memory.wrap({ host: data as Float32Array });
    assertLive(storage);
    if (!storage.handle.texture) memory.attach(storage, upload(storage.handle.host!));
    return storage.handle.texture!;
  }

  const upload = (host: Float32Array): GpuJsTexture => launch('copy', copyKernel, [host.length], [host]) as GpuJsTexture;

  /** Storage for a float32 result. */
  const wrap = (result: Float32Array | GpuJsTexture): unknown =>
    onDevice ? memory.wrap(ArrayBuffer.isView(result) ? { host: result as Float32Array } : { texture: result as GpuJsTexture }) : result;

  /** Storage for a host result of any dtype. */
  const wrapHost = (values: TypedArray, dtype: DType): unknown =>
    onDevice && dtype === 'float32' ? memory.wrap({ host: values as Float32Array }) : values;

  /** Another storage of the same elements (reshape, identity): shares the texture in GL modes. */
  const alias = (data: unknown): unknown => (isDeviceStorage(data) ? (assertLive(data), memory.share(data)) : data);

  // ---- kernels ---------------------------------------------------------------------------------

  /** The CPU backend's kernel on host copies of the inputs. */
  function fallback<P extends Primitive>(primitive: P): Kernel<P> {
    const cpu = cpuBackend.kernels[primitive] as unknown as AnyKernel;
    return (inputs, attrs, out) => {
      const host = inputs.map((input) => ({ data: hostOf(input.data), shape: input.shape, dtype: input.dtype }));
      return wrapHost(cpu(host, attrs as never, out) as TypedArray, out.dtype);
    };
  }

  /** Runs `device` when every input and the output are non-empty float32, else `fallback`. */
  function onFloat32<P extends Primitive>(primitive: P, device: (inputs: readonly KernelInput[], attrs: PrimitiveAttrs[P], out: KernelOutput) => unknown | null): Kernel<P> {
    const cpu = fallback(primitive);
    return (inputs, attrs, out) => {
      const eligible = out.dtype === 'float32' && !out.shape.includes(0) &&
        inputs.every((input) => input.dtype === 'float32' && !input.shape.includes(0));
      if (eligible) {
        const result = device(inputs, attrs, out);
        if (result !== null) return result;
      }
      return cpu(inputs, attrs, out);
    };
  }

  const kernels = Object.fromEntries(
    (Object.keys(cpuBackend.kernels) as Primitive[]).map((p) => [p, fallback(p)]),
  ) as Record<Primitive, Kernel<Primitive>>;
  const device: Partial<Record<Primitive, Kernel<never>>> = {};
  const define = <P extends Primitive>(p: P, run: (inputs: readonly KernelInput[], attrs: PrimitiveAttrs[P], out: KernelOutput) => unknown | null) => {
    device[p] = onFloat32(p, run) as Kernel<never>;
  };

  for (const op of unaryOps) {
    const fn = unaryKernelFunctions[op];
    define(op, ([x], _attrs, out) => wrap(launch(op, fn, [sizeOf(out.shape)], [argOf(x.data)])));
  }

  for (const op of binaryOps) {
    const fn = binaryKernelFunctions[op];
    define(op, ([a, b], _attrs, out) => {
      const plan = planStrided(out.shape, [broadcastStrides(a.shape, out.shape), broadcastStrides(b.shape, out.shape)]);
      if (plan === null) return null;
      return wrap(launch(op, fn, plan.output, [argOf(a.data), argOf(b.data), ...plan.strides[0], ...plan.strides[1]]));
    });
  }

  define('where', ([c, a, b], _attrs, out) => {
    const plan = planStrided(out.shape, [c, a, b].map((x) => broadcastStrides(x.shape, out.shape)));
    if (plan === null) return null;
    return wrap(launch('where', whereKernel, plan.output, [argOf(c.data), argOf(a.data), argOf(b.data), ...plan.strides.flat()]));
  });

  define('matmul', ([a, b], { transposeA, transposeB }, out) => {
    const rank = out.shape.length;
    const m = out.shape[rank - 2];
    const n = out.shape[rank - 1];
    const k = a.shape[a.shape.length - (transposeA ? 2 : 1)];
    const batch = planBatch(out.shape.slice(0, -2), a.shape.slice(0, -2), m * k, b.shape.slice(0, -2), k * n);
    if (batch === null) return null;
    const [aRow, aCol] = transposeA ? [1, m] : [k, 1];
    const [bRow, bCol] = transposeB ? [1, k] : [n, 1];
    const output = batch.count > 1 ? [n, m, batch.count] : [n, m];
    return wrap(launch('matmul', matmulKernel, output, [
      argOf(a.data), argOf(b.data), k, aRow, aCol, bRow, bCol, batch.nb1, ...batch.a, ...batch.b,
    ]));
  });

  for (const [op, fn] of [['sum', sumKernel], ['max', maxKernel], ['min', minKernel]] as const) {
    define(op, ([x], { axes }) => {
      const passes = planReduce(x.shape, axes, REDUCE_CHUNK);
      if (passes.length === 0) return alias(x.data);
      const input = argOf(x.data);
      let current = input;
      for (const { outer, r, inner, chunk, chunks } of passes) {
        const next = launch(op, fn, [inner, chunks, outer], [current, r, inner, chunk]);
        // partial results between passes are this kernel's own textures: free them at once
        if (current !== input && !ArrayBuffer.isView(current)) current.delete();
        current = next;
      }
      return wrap(current);
    });
  }

  const stridedCopy = (data: unknown, outShape: readonly number[], strides: readonly number[], offset = 0): unknown | null => {
    const plan = planStrided(outShape, [strides]);
    if (plan === null) return null;
    return wrap(launch('stridedCopy', stridedCopyKernel, plan.output, [argOf(data), offset, ...plan.strides[0]]));
  };
  define('broadcastTo', ([x], _attrs, out) => stridedCopy(x.data, out.shape, broadcastStrides(x.shape, out.shape)));
  define('permute', ([x], { perm }, out) => {
    const strides = contiguousStrides(x.shape);
    return stridedCopy(x.data, out.shape, perm.map((p) => strides[p]));
  });
  define('slice', ([x], { begin, size }) => {
    const strides = contiguousStrides(x.shape);
    return stridedCopy(x.data, size, strides, begin.reduce((at, b, i) => at + b * strides[i], 0));
  });

  Object.assign(kernels, device);
  // Reinterpretations: no kernel at all, in any dtype.
  kernels.reshape = ([x]) => alias(x.data);
  kernels.identity = ([x]) => alias(x.data);
  const castOnHost = fallback('cast');
  const cast: Kernel<'cast'> = (inputs, attrs, out) => (inputs[0].dtype === attrs.dtype ? alias(inputs[0].data) : castOnHost(inputs, attrs, out));
  kernels.cast = cast as Kernel<Primitive>;

  return {
    name: `gpu.js:${actual}`,
    mode: actual,
    deviceResident: onDevice,
    devicePrimitives: Object.keys(device) as Primitive[],
    kernels: kernels as unknown as Backend['kernels'],
    upload: (values, dtype) => wrapHost(values, dtype),
    download: (data) => hostOf(data),
    dispose(data) {
      if (isDeviceStorage(data)) memory.release(data);
    },
    get liveTextures() {
      return memory.liveTextures;
    },
    kernelModes: () => Object.fromEntries([...compiled].map(([key, { run }]) => [key, modeOf(run.kernel.constructor)])),
    async destroy() {
      memory.releaseAll();
      compiled.clear();
      await gpu.destroy();
    },
  };
}

function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * A kernel's result as one flat Float32Array. gpu.js returns a Float32Array for a 1-D output and
 * arrays of rows for 2-D and 3-D; the WebAssembly kernels' rows are views of one buffer, in order,
 * which this reuses. `size` 0: whatever size the rows add up to.
 */
export function flattenOutput(result: unknown, size: number): Float32Array {
  if (result instanceof Float32Array && (size === 0 || result.length === size)) return result;
  const rows: Float32Array[] = [];
  const walk = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) rows.push(v as Float32Array);
    else for (const x of v as unknown[]) walk(x);
  };
  walk(result);
  let total = 0;
  for (const row of rows) total += row.length;
  if (size === 0) size = total;
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (total === size && first && first.buffer === last.buffer && last.byteOffset + last.byteLength - first.byteOffset === size * 4) {
    let contiguous = true;
    for (let i = 1; i < rows.length && contiguous; i++) contiguous = rows[i].buffer === first.buffer && rows[i].byteOffset === rows[i - 1].byteOffset + rows[i - 1].byteLength;
    if (contiguous) return new Float32Array(first.buffer, first.byteOffset, size);
  }
  const out = new Float32Array(size);
  let at = 0;
  for (const row of rows) {
    out.set(row.subarray(0, Math.min(row.length, size - at)), at);
    at += row.length;
  }
  return out;
}
