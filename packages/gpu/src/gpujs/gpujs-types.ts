/*
 * The slice of gpu.js 2.24 this backend touches, typed structurally so that @nn/gpu's declarations
 * never mention gpu.js (an optional peer: a user without it still type-checks).
 */

/** A GL texture that holds a kernel's output (pipeline mode). */
export interface GpuJsTexture {
  readonly output: readonly number[];
  toArray(): unknown;
  delete(): void;
}

/** A compiled kernel as gpu.js returns it: callable, plus settings. */
export interface GpuJsKernelRun {
  (...args: unknown[]): unknown;
  setOutput(output: number[]): GpuJsKernelRun;
  /** The kernel instance doing the work; replaced when gpu.js switches or falls back. */
  readonly kernel: {
    readonly constructor: { readonly mode: string; readonly name: string };
    moduleCacheLimit?: number;
    fallbackReason?: string;
  };
  destroy(removeCanvasReferences?: boolean): void;
}

export interface GpuJsKernelClass {
  readonly mode: string;
  readonly name: string;
  readonly isSupported: boolean;
}

export interface GpuJsInstance {
  readonly Kernel: GpuJsKernelClass;
  createKernel(source: (...args: never[]) => number, settings: object): GpuJsKernelRun;
  destroy(): Promise<void>;
}

/** Names a kernel class by the mode that selects it (GL classes all report `mode` 'gpu'). */
export type KernelModeOf = (kernelClass: { readonly mode: string }) => string;

export interface GpuJsModule {
  readonly HeadlessGLKernel: unknown;
  readonly WebGL2Kernel: unknown;
  readonly WebGLKernel: unknown;
  readonly WebAssemblyKernel: unknown;
  readonly CPUKernel: unknown;
  readonly WebGPUKernel: unknown;
  readonly GPU: {
    new (settings?: { mode?: string }): GpuJsInstance;
    readonly isHeadlessGLSupported: boolean;
    readonly isWebGLSupported: boolean;
    readonly isWebGL2Supported: boolean;
    readonly isWebGPUSupported: boolean;
    readonly isWebAssemblySupported: boolean;
    isWebGPUAvailable(): Promise<boolean>;
  };
}
