import { type Backend, cpuBackend } from '@nn/tensor';
import { createArena } from './arena';
import { type KernelExports, instantiateKernels, instantiateKernelsSync } from './kernels-module';
import { ELEMENTWISE_MIN_SIZE, wasmBinaryKernel, wasmSumKernel, wasmUnaryKernel } from './elementwise';
import { wasmMatmulKernel } from './matmul';
import { wasmGatherKernel, wasmScatterAddKernel } from './gather';

export interface WasmBackendOptions {
  /**
   * Keep the ops where the CPU backend's JS loops measured faster on them (default true): elementwise
   * ops and sums under 256 elements, and dot-product-like matmuls (fewer than 8 outputs per matrix,
   * k > 64). false sends every float op the wasm kernels implement to them, whatever its size (tests
   * use this to reach the kernels' edge cases).
   */
  readonly smallOpsOnCpu?: boolean;
}

/**
 * A backend named 'wasm' that runs the heavy primitives (matmul, …) on SIMD WebAssembly kernels
 * compiled from AssemblyScript, and every other primitive on the CPU backend's kernels. Its storage is
 * the CPU backend's (plain typed arrays): results read back without a copy and nothing needs disposing.
 * NOTE: install it before making the tensors it will use; @nn/tensor copies a tensor made under
 * another backend on every use, even when both store typed arrays.
 *
 * Install it with `setBackend(await createWasmBackend())`. Needs WebAssembly SIMD (Node ≥ 16.4,
 * every current browser). One backend holds one wasm memory, grown to the largest op so far.
 */
export async function createWasmBackend(options: WasmBackendOptions = {}): Promise<Backend> {
  return wasmBackend(await instantiateKernels(), options);
}

/**
 * `createWasmBackend`, synchronously: for Node and web workers (browsers refuse to compile a module of
 * this size synchronously on their main thread).
 */
export function createWasmBackendSync(options: WasmBackendOptions = {}): Backend {
  return wasmBackend(instantiateKernelsSync(), options);
}

function wasmBackend(wasm: KernelExports, { smallOpsOnCpu = true }: WasmBackendOptions): Backend {
  const arena = createArena(wasm);
  const cpu = cpuBackend.kernels;
  const minSize = smallOpsOnCpu ? ELEMENTWISE_MIN_SIZE : 0;
  return {
    name: 'wasm',
    hostStorage: true,
    kernels: {
      ...cpu,
      matmul: wasmMatmulKernel(wasm, arena, cpu.matmul, smallOpsOnCpu),
      add: wasmBinaryKernel('add', wasm, arena, cpu.add, minSize),
      sub: wasmBinaryKernel('sub', wasm, arena, cpu.sub, minSize),
      mul: wasmBinaryKernel('mul', wasm, arena, cpu.mul, minSize),
      div: wasmBinaryKernel('div', wasm, arena, cpu.div, minSize),
      maximum: wasmBinaryKernel('maximum', wasm, arena, cpu.maximum, minSize),
      minimum: wasmBinaryKernel('minimum', wasm, arena, cpu.minimum, minSize),
      greater: wasmBinaryKernel('greater', wasm, arena, cpu.greater, minSize),
      greaterEqual: wasmBinaryKernel('greaterEqual', wasm, arena, cpu.greaterEqual, minSize),
      less: wasmBinaryKernel('less', wasm, arena, cpu.less, minSize),
      lessEqual: wasmBinaryKernel('lessEqual', wasm, arena, cpu.lessEqual, minSize),
      equal: wasmBinaryKernel('equal', wasm, arena, cpu.equal, minSize),
      notEqual: wasmBinaryKernel('notEqual', wasm, arena, cpu.notEqual, minSize),
      neg: wasmUnaryKernel('neg', wasm, arena, cpu.neg, minSize),
      relu: wasmUnaryKernel('relu', wasm, arena, cpu.relu, minSize),
      square: wasmUnaryKernel('square', wasm, arena, cpu.square, minSize),
      abs: wasmUnaryKernel('abs', wasm, arena, cpu.abs, minSize),
      sqrt: wasmUnaryKernel('sqrt', wasm, arena, cpu.sqrt, minSize),
      sum: wasmSumKernel(wasm, arena, cpu.sum, minSize),
      gather: wasmGatherKernel(wasm, arena, cpu.gather, minSize),
      scatterAdd: wasmScatterAddKernel(wasm, arena, cpu.scatterAdd, minSize),
    },
    upload: cpuBackend.upload,
    download: cpuBackend.download,
  };
}
