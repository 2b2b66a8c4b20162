import { type Backend, type Kernel, type Primitive, type StoragePool, type TypedArray, ValueError, cpuBackend, createStoragePool, isInsideTidy } from '@nn/tensor';
import { type Arena, createArena, isResident } from './arena';
import { wasmConcatKernel } from './concat';
import { onHostViews } from './host-views';
import { wasmPadKernel } from './pad';
import { type KernelExports, type SharedKernels, instantiateKernels, instantiateKernelsSync, instantiateSharedKernels, instantiateSharedKernelsSync } from './kernels-module';
import { startGemmThreads } from './gemm-threads';
import { threadHost } from '#thread-host';
import { ELEMENTWISE_MIN_SIZE, wasmBinaryKernel, wasmExtremumKernel, wasmSumKernel, wasmUnaryKernel } from './elementwise';
import { type Threaded, wasmGatherMatmulKernel, wasmMatmulKernel } from './matmul';
import { wasmGatherMatmulGradAKernel } from './gather-matmul-grad-a';
import { wasmGatherKernel, wasmScatterAddKernel } from './gather';
import { wasmGatherArgmaxKernel } from './gather-argmax';
import { wasmArgExtremumKernel } from './arg-extremum';
import { wasmSliceKernel } from './slice';
import { PersistentResident, releasePersistent, wasmFusedKernels } from './fused';

export interface WasmBackendOptions {
  /**
   * Keep the ops where the CPU backend's JS loops measured faster on them (default true): elementwise
   * ops and sums under 256 elements, and dot-product-like matmuls (fewer than 8 outputs per matrix,
   * k > 64). false sends every float op the wasm kernels implement to them, whatever its size (tests
   * use this to reach the kernels' edge cases).
   */
  readonly smallOpsOnCpu?: boolean;
  /**
   * Threads that share a large matmul, the calling thread included (default: every core the process
   * may use, `os.availableParallelism()` in Node, `navigator.hardwareConcurrency` in a browser, at most
   * 8). Above 1 the kernels run over a shared WebAssembly memory and `threads − 1` helper threads
   * (Node's worker_threads; Web Workers in a browser) take their share of each product above the
   * measured crossover; the call stays synchronous (the caller blocks in Atomics.wait until they
   * finish, or spins on a page's main thread, which may not block). Where helpers cannot run — a page
   * that is not cross-origin isolated has no SharedArrayBuffer — the backend runs on one thread, warns
   * once on the console and says why in `singleThreadReason`.
   */
  readonly threads?: number;
  /**
   * Keep results made inside a `tidy` scope in wasm memory (default true): the next kernel reads them
   * where they are, and neither copies them in nor out. Each is freed when disposed (its scope ends)
   * or copied to host memory if it outlives every scope. false: every result is a host array.
   */
  readonly resident?: boolean;
  /**
   * Split products only while other processes leave a core to each thread (default true; Node only:
   * a browser does not tell). Every 250 ms the backend compares the machine's CPU time (`os.cpus()`)
   * with its own (`process.cpuUsage()`); while other processes leave fewer than `threads` cores free
   * (with half a core of slack), products run on the calling thread alone. On two cores with a
   * CPU-bound process on one, splitting lost 10–15 % against one thread; with this it runs as one
   * thread does. false: split whenever the helpers are ready (tests of the split kernels).
   */
  readonly yieldToOtherProcesses?: boolean;
  /**
   * Milliseconds a helper thread stays awake after its last share, spinning, before it sleeps (default
   * 20). Waking a sleeping helper costs the caller up to ~0.6 ms on a virtual machine (README "After
   * idle spells"), so work that comes back within this window (the next call of an inference loop, a
   * training step after the page drew a frame) finds the helpers awake. Spinning burns the helpers'
   * cores meanwhile, as thread pools do (OpenMP's KMP_BLOCKTIME is 200 ms); helpers that sit out
   * (starved, or other processes hold their cores) sleep at once. 0: sleep after ~50 µs.
   */
  readonly spinMs?: number;
}

/** The wasm backend, with its thread count and a way to stop its helper threads. */
export interface WasmBackend extends Backend {
  /**
   * Threads that multiply now: 1, or the caller plus its helpers once they have started; 1 again while
   * the helpers are measured starved or other processes hold their cores (`yieldToOtherProcesses`).
   */
  readonly threads: number;
  /**
   * Why the backend runs on one thread although more were asked for (e.g. 'the page is not
   * cross-origin isolated, …'), as found when it was made; undefined when its helpers started or one
   * thread was asked for.
   */
  readonly singleThreadReason: string | undefined;
  /** Stops the helper threads (they never keep a process alive, so this is optional); the backend then runs on one thread. */
  close(): Promise<void>;
  /** Bytes of wasm memory that results made inside open `tidy` scopes hold now (0 once they have ended). */
  readonly residentBytes: number;
}

/**
 * Threads by default: all the cores, but no more than 8, so that a many-core server does not start dozens
 * of helpers for products that split into a few shares (only 2 cores were measured: README "Threads").
 */
const MAX_DEFAULT_THREADS = 8;

/**
 * A backend named 'wasm' that runs the heavy primitives (matmul, …) on SIMD WebAssembly kernels
 * compiled from AssemblyScript, and every other primitive on the CPU backend's kernels. Its storage is
 * the CPU backend's (plain typed arrays): results read back without a copy. Nothing needs disposing,
 * but a disposed result (`dispose`, `tidy`) is recycled for the next one of its length, which saves
 * the page faults of a fresh array: run loops under `tidy`.
 * NOTE: install it before making the tensors it will use; @nn/tensor copies a tensor made under
 * another backend on every use, even when both store typed arrays.
 *
 * Install it with `setBackend(await createWasmBackend())`. Needs WebAssembly SIMD (Node ≥ 16.4,
 * every current browser). One backend holds one wasm memory, grown to the largest op so far; it
 * resolves once its helper threads (see `threads`) are ready.
 */
export async function createWasmBackend(options: WasmBackendOptions = {}): Promise<WasmBackend> {
  const count = checkedThreadCount(options);
  const own = await instantiateKernels();
  const pool = createStoragePool();
  let reason = count > 1 ? threadHost.unavailable() : undefined;
  let threaded: Threaded | undefined;
  if (count > 1 && reason === undefined) {
    try {
      threaded = startThreaded(await instantiateSharedKernels(), options, pool, count);
      await threaded.threads.whenReady();
    } catch (error) {
      // NOTE: a helper that cannot start (a sandbox without threads, say) costs the threads, not the backend
      await threaded?.threads.close();
      threaded = undefined;
      reason = helpersFailed(error);
    }
  }
  return wasmBackend(own, options, pool, threaded, oneThread(count, reason));
}

/** How long `createWasmBackendSync` blocks for its helper threads to start (they take ~50 ms). */
const SYNC_START_TIMEOUT_MS = 5000;

/**
 * `createWasmBackend`, synchronously: for Node and web workers (browsers refuse to compile a module of
 * this size synchronously on their main thread). In Node it blocks until its helper threads have
 * started (~50 ms); should that take over 5 s, it returns anyway and products run on the calling thread
 * alone until they are ready. In a browser it returns at once, since Web Workers start only once their
 * maker returns to its event loop: its helpers join when they have started (`await createWasmBackend()`
 * has them from the start).
 */
export function createWasmBackendSync(options: WasmBackendOptions = {}): WasmBackend {
  const count = checkedThreadCount(options);
  const own = instantiateKernelsSync();
  const pool = createStoragePool();
  let reason = count > 1 ? threadHost.unavailable() : undefined;
  let threaded: Threaded | undefined;
  if (count > 1 && reason === undefined) {
    try {
      threaded = startThreaded(instantiateSharedKernelsSync(), options, pool, count);
      threaded.threads.waitReadySync(SYNC_START_TIMEOUT_MS);
    } catch (error) {
      threaded = undefined;
      reason = helpersFailed(error);
    }
  }
  return wasmBackend(own, options, pool, threaded, oneThread(count, reason));
}

/** The longest `spinMs` (a minute): the helpers read it in microseconds from an Int32 word. */
const MAX_SPIN_MS = 60_000;

/** The options checked (`threads`, `spinMs`), and the threads asked for: `threads`, else the cores, at most 8. */
function checkedThreadCount({ threads, spinMs }: WasmBackendOptions): number {
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
    throw new ValueError('createWasmBackend', `expected threads to be an integer ≥ 1, got ${String(threads)}`);
  }
  if (spinMs !== undefined && !(typeof spinMs === 'number' && spinMs >= 0 && spinMs <= MAX_SPIN_MS)) {
    throw new ValueError('createWasmBackend', `expected spinMs to be a number of milliseconds from 0 to ${MAX_SPIN_MS}, got ${String(spinMs)}`);
  }
  return threads ?? Math.min(threadHost.cores(), MAX_DEFAULT_THREADS);
}

/**
 * The shared-memory kernels, their arena and `count − 1` helper threads (`#thread-host`: worker_threads
 * in Node, Web Workers in a browser). Only products split between threads use them; every other kernel
 * runs on the backend's own instance.
 */
function startThreaded(shared: SharedKernels, { resident, yieldToOtherProcesses, spinMs }: WasmBackendOptions, pool: StoragePool, count: number): Threaded {
  return {
    wasm: shared.exports,
    arena: createArena(shared.exports, pool, residentOutputs(resident)),
    threads: startGemmThreads(threadHost, shared.module, shared.memory, shared.exports, count - 1, { yieldToOtherProcesses, spinMs }),
  };
}

function helpersFailed(error: unknown): string {
  return `its helper threads (${threadHost.kind}) did not start: ${error instanceof Error ? error.message : String(error)}`;
}

/** The message of a backend that runs on one thread although `count` were asked for, warned once on the console. */
function oneThread(count: number, reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  console.warn(`createWasmBackend: running on one thread instead of ${count}: ${reason}`);
  return reason;
}

/** Whether a call's result stays in wasm memory: inside a tidy scope, unless switched off. */
function residentOutputs(resident = true): () => boolean {
  return resident ? isInsideTidy : () => false;
}

function wasmBackend(wasm: KernelExports, { smallOpsOnCpu = true, resident }: WasmBackendOptions, pool: StoragePool, threaded: Threaded | undefined, singleThreadReason: string | undefined): WasmBackend {
  const arena = createArena(wasm, pool, residentOutputs(resident));
  // every CPU kernel, as fallback or as the kernel of a primitive without a wasm one, reads residents through views
  const cpu = Object.fromEntries(Object.entries(cpuBackend.kernels).map(([p, k]) => [p, onHostViews(k as Kernel<Primitive>)])) as unknown as typeof cpuBackend.kernels;
  const minSize = smallOpsOnCpu ? ELEMENTWISE_MIN_SIZE : 0;
  const own = wasmKernels(wasm, arena, cpu, minSize, smallOpsOnCpu, threaded);
  let kernels: Partial<Backend['kernels']> = own;
  /** Whether kernels run over the shared memory now: inside tidy, while the helpers take shares. */
  const onShared = threaded === undefined || resident === false ? () => false : () => isInsideTidy() && threaded.threads.ready();
  if (threaded !== undefined && resident !== false) {
    // NOTE: inside tidy every kernel runs over the shared memory, where split products read and write,
    // so that results stay where the next kernel reads them; outside, only split products do (copies
    // into and out of shared memory are the slower ones). So do they while the helpers sit out (starved,
    // or other processes hold the cores): products then run on the caller alone, as on one thread.
    const shared = wasmKernels(threaded.wasm, threaded.arena, cpu, minSize, smallOpsOnCpu, threaded);
    kernels = Object.fromEntries(Object.keys(own).map((p) => {
      const [inOwn, inShared] = [own[p as keyof typeof own], shared[p as keyof typeof shared]] as Kernel<Primitive>[];
      return [p, ((inputs, attrs, out) => (onShared() ? inShared : inOwn)(inputs, attrs, out)) as Kernel<Primitive>];
    }));
  }
  return {
    name: 'wasm',
    hostStorage: true,
    get threads() {
      return threaded?.threads.ready() ? threaded.threads.helpers + 1 : 1;
    },
    singleThreadReason,
    close: async () => threaded?.threads.close(),
    get residentBytes() {
      return arena.usedBytes + (threaded?.arena.usedBytes ?? 0);
    },
    kernels: { ...cpu, ...kernels } as Backend['kernels'],
    // NOTE: on the memory the primitives run on now (see above), so results stay where the next kernel reads them
    fused: wasmFusedKernels(() => (onShared() ? threaded! : { wasm, arena })),
    // NOTE: into the memory the kernels run on now (the shared one inside tidy while the helpers take shares), as their results
    stage(data, dtype, size) {
      if (resident === false || !isInsideTidy()) return undefined;
      const target = onShared() ? threaded!.arena : arena;
      if (isResident(data) && data.arena === target && data.live) return undefined;
      const call = target.begin();
      const ptr = call.output(size, dtype);
      if (!call.ok) {
        call.abort();
        return undefined;
      }
      const values = isResident(data) ? data.view() : (data as TypedArray);
      const view = dtype === 'float32' ? target.f32() : dtype === 'float64' ? target.f64() : target.i32();
      view.set(values, ptr / values.BYTES_PER_ELEMENT);
      return call.finish();
    },
    upload: cpuBackend.upload,
    download(data, dtype, size) {
      if (isResident(data)) return data.view().slice();
      pool.escape(data);
      return cpuBackend.download(data, dtype, size);
    },
    // NOTE: a resident's block goes back to its arena, a host result to the pool for the next of its length.
    dispose(data) {
      if (data instanceof PersistentResident) releasePersistent(data);
      else if (isResident(data)) data.arena.release(data);
      else pool.give(data);
    },
    evict(data) {
      // NOTE: an optimizer's state stays in wasm memory for the next update (see PersistentResident)
      if (!isResident(data) || data instanceof PersistentResident) return data;
      const host = pool.take(data.dtype, data.length);
      host.set(data.view());
      return host;
    },
  };
}

/** The primitives with wasm kernels, over one instance and its arena; CPU kernels (`cpu`) as fallbacks. */
function wasmKernels(wasm: KernelExports, arena: Arena, cpu: Backend['kernels'], minSize: number, smallOpsOnCpu: boolean, threaded?: Threaded) {
  return {
    matmul: wasmMatmulKernel(wasm, arena, cpu.matmul, smallOpsOnCpu, threaded),
    gatherMatmul: wasmGatherMatmulKernel(wasm, arena, cpu.gatherMatmul, threaded),
    gatherMatmulGradA: wasmGatherMatmulGradAKernel(wasm, arena, cpu.gatherMatmulGradA, threaded),
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
    // pooling reductions split between threads only over the shared memory, where the helpers read
    max: wasmExtremumKernel('max', wasm, arena, cpu.max, minSize, wasm === threaded?.wasm ? threaded.threads : undefined),
    min: wasmExtremumKernel('min', wasm, arena, cpu.min, minSize, wasm === threaded?.wasm ? threaded.threads : undefined),
    argmax: wasmArgExtremumKernel('argmax', wasm, arena, cpu.argmax, minSize),
    argmin: wasmArgExtremumKernel('argmin', wasm, arena, cpu.argmin, minSize),
    gatherArgmax: wasmGatherArgmaxKernel(wasm, arena, cpu.gatherArgmax, minSize),
    // im2col / col2im split between threads, as the pooling reductions, only over the shared memory
    gather: wasmGatherKernel(wasm, arena, cpu.gather, minSize, wasm === threaded?.wasm ? threaded.threads : undefined),
    scatterAdd: wasmScatterAddKernel(wasm, arena, cpu.scatterAdd, minSize, wasm === threaded?.wasm ? threaded.threads : undefined),
    concat: wasmConcatKernel(wasm, arena, cpu.concat, minSize),
    slice: wasmSliceKernel(wasm, arena, cpu.slice, minSize),
    pad: wasmPadKernel(wasm, arena, cpu.pad, minSize),
  };
}
