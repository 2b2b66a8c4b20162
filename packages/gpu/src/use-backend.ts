import { type Backend, ValueError, cpuBackend, setBackend } from '@nn/tensor';
import { createGpuBackend } from './gpujs/create-gpu-backend';
import { createWasmBackend } from './wasm/create-wasm-backend';

/** The backends by name; 'auto' picks the fastest one measured for this machine's problem sizes. */
export type BackendName = 'cpu' | 'wasm' | 'gpu' | 'auto';

/**
 * Creates the named backend and installs it with setBackend (the one call that switches backends;
 * importing never does). 'wasm' is the SIMD WebAssembly backend; 'gpu' the gpu.js backend in its best
 * available mode (a GL context where there is one, else its WebAssembly mode); 'auto' is 'wasm', which
 * keeps every op below its measured crossover on the plain-JS kernels and so is never slower than 'cpu'
 * — and, measured in apps/bench, faster than gpu.js without a real GPU. Returns the installed backend.
 */
export async function useBackend(name: BackendName): Promise<Backend> {
  let backend: Backend;
  switch (name) {
    case 'cpu':
      backend = cpuBackend;
      break;
    case 'wasm':
    case 'auto':
      backend = await createWasmBackend();
      break;
    case 'gpu':
      backend = await createGpuBackend({ mode: 'auto' });
      break;
    default:
      throw new ValueError('useBackend', `expected 'cpu', 'wasm', 'gpu' or 'auto', got ${JSON.stringify(name)}`);
  }
  setBackend(backend);
  return backend;
}
