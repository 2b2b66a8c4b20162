import { NnError, ValueError } from '@nn/tensor';
import type { GpuJsInstance, GpuJsModule, KernelModeOf } from './gpujs-types';

/** Where gpu.js runs the kernels; 'auto' takes gpu.js's own choice (GL, else WebAssembly, else CPU). */
export type GpuMode = 'gpu' | 'webgl' | 'webgl2' | 'headlessgl' | 'webgpu' | 'cpu' | 'webasm' | 'auto';

const modes: readonly GpuMode[] = ['gpu', 'webgl', 'webgl2', 'headlessgl', 'webgpu', 'cpu', 'webasm', 'auto'];

/** The requested gpu.js mode cannot run here; the message says what is missing. */
export class GpuModeUnavailableError extends NnError {
  constructor(
    readonly mode: GpuMode,
    reason: string,
  ) {
    super('createGpuBackend', `mode '${mode}' is unavailable: ${reason}`);
  }
}

/**
 * Imports gpu.js (only now: importing @nn/gpu never loads it) and creates a GPU in `mode`; `modeOf`
 * names the kernel class it picked ('headlessgl', 'webgl2', 'webgl', 'webasm' or 'cpu').
 */
export async function openGpu(mode: GpuMode): Promise<{ gpu: GpuJsInstance; modeOf: KernelModeOf }> {
  const gpujs = await importGpuJs(mode);
  // NOTE: by identity, not by `Kernel.mode`: every GL kernel class reports mode 'gpu'.
  const names = new Map<unknown, string>([
    [gpujs.HeadlessGLKernel, 'headlessgl'], [gpujs.WebGL2Kernel, 'webgl2'], [gpujs.WebGLKernel, 'webgl'],
    [gpujs.WebAssemblyKernel, 'webasm'], [gpujs.CPUKernel, 'cpu'], [gpujs.WebGPUKernel, 'webgpu'],
  ]);
  return { gpu: await createGpu(gpujs, mode), modeOf: (kernelClass) => names.get(kernelClass) ?? kernelClass.mode };
}

async function importGpuJs(mode: GpuMode): Promise<GpuJsModule> {
  if (!modes.includes(mode)) {
    throw new ValueError('createGpuBackend', `unknown mode '${String(mode)}', expected one of ${modes.map((m) => `'${m}'`).join(', ')}`);
  }
  try {
    const imported = (await import('gpu.js')) as unknown as GpuJsModule & { default?: GpuJsModule };
    return imported.GPU ? imported : imported.default!;
  } catch (error) {
    throw new GpuModeUnavailableError(mode, `gpu.js is not installed (import('gpu.js') failed: ${firstLine(error)}); it is an optional peer dependency of @nn/gpu: install gpu.js@^2.24.1`);
  }
}

async function createGpu({ GPU }: GpuJsModule, mode: GpuMode): Promise<GpuJsInstance> {
  const create = (gpuJsMode?: string): GpuJsInstance => {
    try {
      return new GPU(gpuJsMode === undefined ? {} : { mode: gpuJsMode });
    } catch (error) {
      throw new GpuModeUnavailableError(mode, `gpu.js refused it: ${firstLine(error)}`);
    }
  };
  switch (mode) {
    case 'auto':
      return create();
    case 'cpu':
      return create('cpu');
    case 'webasm':
      if (!GPU.isWebAssemblySupported) throw new GpuModeUnavailableError(mode, 'this runtime has no WebAssembly');
      return create('webasm');
    case 'headlessgl':
      if (!GPU.isHeadlessGLSupported) throw new GpuModeUnavailableError(mode, await whyNoHeadlessGl());
      return create('headlessgl');
    case 'webgl2':
    case 'webgl':
      if (!(mode === 'webgl2' ? GPU.isWebGL2Supported : GPU.isWebGLSupported)) {
        throw new GpuModeUnavailableError(mode, whyNoWebGl(mode));
      }
      return create(mode);
    case 'webgpu':
      throw new GpuModeUnavailableError(mode, await whyNoWebGpu(GPU));
    case 'gpu': {
      // NOTE: not gpu.js's own 'gpu' mode, which settles for its WebAssembly kernels without a GPU.
      const gl = ([['headlessgl', GPU.isHeadlessGLSupported], ['webgl2', GPU.isWebGL2Supported], ['webgl', GPU.isWebGLSupported]] as const)
        .find(([, supported]) => supported);
      if (gl) return create(gl[0]);
      const headless = isNode() ? `headlessgl: ${await whyNoHeadlessGl()}` : `webgl2/webgl: ${whyNoWebGl('webgl2')}`;
      throw new GpuModeUnavailableError(mode, `no GPU kernel class of gpu.js works here (${headless}); mode 'auto' accepts gpu.js's WebAssembly or CPU kernels instead`);
    }
  }
}

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

function firstLine(error: unknown): string {
  // NOTE: `bindings` ends its first line with "Tried:" and lists paths below; the list is noise here.
  return String(error instanceof Error ? error.message : error).split('\n')[0].replace(/\s*Tried:$/, '');
}

/** A `require` that resolves packages as gpu.js does (its optional `gl` and its `webgpu` dependency). */
async function requireBesideGpuJs(): Promise<NodeJS.Require> {
  const specifier = 'node:module';
  const { createRequire } = (await import(/* @vite-ignore */ specifier)) as typeof import('node:module');
  const own = createRequire(import.meta.url);
  return createRequire(own.resolve('gpu.js'));
}

async function whyNoHeadlessGl(): Promise<string> {
  if (!isNode()) return 'headless-gl runs in Node only; in a browser use webgl2 or webgl';
  const require = await requireBesideGpuJs();
  let getContext: (width: number, height: number) => { getExtension(name: string): unknown } | null;
  try {
    getContext = require('gl') as typeof getContext;
  } catch (error) {
    return `the native module 'gl' (an optional dependency of gpu.js) is not built or does not load (${firstLine(error)}); ` +
      `it builds from source with the X11/GL headers: see the test:gl script of @nn/gpu`;
  }
  let context;
  try {
    context = getContext(1, 1);
  } catch (error) {
    return `'gl' loaded but creating a context threw: ${firstLine(error)}`;
  }
  if (!context) {
    const display = process.env.DISPLAY ? `DISPLAY=${process.env.DISPLAY} did not give one` : 'DISPLAY is not set';
    return `'gl' loaded but could not create an OpenGL context: it needs an X display (${display}); run under xvfb-run -a`;
  }
  if (!context.getExtension('OES_texture_float')) return `the OpenGL context lacks OES_texture_float, which float32 textures need`;
  // NOTE: gpu.js probes once per process and keeps the answer; a context that failed then (seen under
  // heavy load on a shared Xvfb) stays refused even though one can be created now.
  return `gpu.js found headless-gl unusable when it first checked in this process (it keeps that answer), although 'gl' creates a context now`;
}

function whyNoWebGl(mode: 'webgl' | 'webgl2'): string {
  if (typeof document === 'undefined') return `it needs a browser's ${mode === 'webgl2' ? 'WebGL2' : 'WebGL'} canvas and this runtime has no DOM; in Node use 'headlessgl'`;
  return `this browser cannot create a ${mode === 'webgl2' ? 'WebGL2' : 'WebGL'} context`;
}

async function whyNoWebGpu(GPU: GpuJsModule['GPU']): Promise<string> {
  const contract = `gpu.js's webgpu kernels return Promises (reading a buffer back needs mapAsync) while the @nn Backend contract is synchronous (dataSync), so this backend cannot use them; use 'webgl2' in a browser or 'headlessgl' in Node`;
  if (!GPU.isWebGPUSupported) {
    let dawn = '';
    if (isNode()) {
      try {
        (await requireBesideGpuJs())('webgpu');
        dawn = `; the 'webgpu' package loads, but navigator.gpu must be installed from it by hand`;
      } catch (error) {
        dawn = `; the 'webgpu' package (Dawn, a dependency of gpu.js) does not load here: ${firstLine(error)}`;
      }
    }
    return `there is no WebGPU (navigator.gpu is missing${dawn}); and in any case ${contract}`;
  }
  if (!(await GPU.isWebGPUAvailable())) return `navigator.gpu exists but offers no adapter; and in any case ${contract}`;
  return contract;
}
