// gpu.js backend (gpu.js is imported lazily, inside createGpuBackend)
export { createGpuBackend } from './gpujs/create-gpu-backend';
export type { GpuBackend, GpuBackendOptions } from './gpujs/create-gpu-backend';
export { GpuModeUnavailableError } from './gpujs/open-gpu';
export type { GpuMode } from './gpujs/open-gpu';

// SIMD WebAssembly backend (kernels compiled from src/wasm/assembly by scripts/build-wasm.mjs)
export { createWasmBackend, createWasmBackendSync } from './wasm/create-wasm-backend';
export type { WasmBackend, WasmBackendOptions } from './wasm/create-wasm-backend';

// Choosing a backend by name
export { useBackend } from './use-backend';
export type { BackendName } from './use-backend';
