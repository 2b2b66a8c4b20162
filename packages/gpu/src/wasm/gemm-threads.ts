import type { KernelExports } from './kernels-module';
import { helperThreadSource } from './helper-thread-source';

/**
 * One thread's share of a batched GEMM (the arguments of `sgemmBatch` / `dgemmBatch`): rows
 * [row0, row1) of the matrices [batch0, batch1) of C = op(A)·op(B). Pointers are byte offsets into the
 * shared memory; `work` is this thread's own packing space.
 */
export interface GemmShare {
  readonly size: 4 | 8;
  readonly transA: number;
  readonly transB: number;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly work: number;
  readonly aStarts: number;
  readonly bStarts: number;
  readonly batch0: number;
  readonly batch1: number;
  readonly row0: number;
  readonly row1: number;
}

/**
 * Helper threads that multiply alongside the calling thread over one shared wasm memory, behind a
 * synchronous call: `run` hands share i + 1 to helper i, computes share 0 itself, and blocks
 * (Atomics.wait) until every helper has finished. Helpers sleep in Atomics.wait between calls.
 */
export interface GemmThreads {
  /** Helper threads started (the caller is not counted). */
  readonly helpers: number;
  /** True once every helper has instantiated the kernels; until then `run` must not be called. */
  ready(): boolean;
  /** Resolves when every helper is ready (rejects if one failed to start). */
  whenReady(): Promise<void>;
  /** Blocks (Atomics.wait) until every helper is ready or `timeoutMs` has passed; whether they are. */
  waitReadySync(timeoutMs: number): boolean;
  /** Runs shares[0] here and shares[1…] on the helpers (at most `helpers` + 1 shares), then returns. */
  run(shares: readonly GemmShare[]): void;
  /** Stops the helpers; `run` is refused afterwards. */
  close(): Promise<void>;
}

/** Control words (Int32Array indices) shared with the helpers; src/wasm/helper-thread-source.ts reads the same. */
export const CONTROL = { SEQUENCE: 0, DONE: 1, FAILED: 2, READY: 3, FIRST_SLOT: 16, SLOT_WORDS: 16 } as const;

/** Give up on a helper that has not answered for this long: a hang would otherwise block forever. */
const STALL_MS = 60_000;
/** Checks of DONE before sleeping on it: most shares end within microseconds of each other. */
const SPINS = 4000;

type WorkerThreads = typeof import('node:worker_threads');

/** node:worker_threads where the host has it (Node ≥ 20.16 through process.getBuiltinModule), else undefined. */
export function nodeWorkerThreads(): WorkerThreads | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return proc?.getBuiltinModule?.('node:worker_threads') as WorkerThreads | undefined;
}

/** The cores this process may use (os.availableParallelism), or 1 where unknown. */
export function availableCores(): number {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const os = proc?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number } | undefined;
  return Math.max(1, os?.availableParallelism?.() ?? 1);
}

function writeShare(words: Uint32Array, at: number, s: GemmShare): void {
  words.set([s.size, s.transA, s.transB, s.m, s.n, s.k, s.a, s.b, s.c, s.work, s.aStarts, s.bStarts, s.batch0, s.batch1, s.row0, s.row1], at);
}

/** Runs one share on this thread's instance. */
export function runShare(wasm: KernelExports, s: GemmShare): void {
  if (s.batch1 <= s.batch0 || s.row1 <= s.row0) return;
  const gemm = s.size === 4 ? wasm.sgemmBatch : wasm.dgemmBatch;
  gemm(s.transA, s.transB, s.m, s.n, s.k, s.a, s.b, s.c, s.work, s.aStarts, s.bStarts, s.batch0, s.batch1, s.row0, s.row1);
}

/**
 * Starts `helpers` worker threads (Node's worker_threads), each instantiating `module` over `memory`.
 * They are unref'd: they never keep the process alive.
 */
export function startGemmThreads(workerThreads: WorkerThreads, module: WebAssembly.Module, memory: WebAssembly.Memory, wasm: KernelExports, helpers: number): GemmThreads {
  const controlBuffer = new SharedArrayBuffer(4 * (CONTROL.FIRST_SLOT + CONTROL.SLOT_WORDS * helpers));
  const control = new Int32Array(controlBuffer);
  const words = new Uint32Array(controlBuffer);
  let startError: Error | undefined;
  let closed = false;
  const workers = Array.from({ length: helpers }, (_, slot) => {
    const worker = new workerThreads.Worker(helperThreadSource, { eval: true, workerData: { module, memory, control: controlBuffer, slot } });
    worker.unref();
    worker.on('error', (error) => {
      startError ??= error instanceof Error ? error : new Error(String(error));
    });
    return worker;
  });
  const ready = () => Atomics.load(control, CONTROL.READY) === helpers;
  return {
    helpers,
    ready: () => !closed && startError === undefined && ready(),
    async whenReady() {
      while (!ready()) {
        if (startError !== undefined) throw startError;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    },
    waitReadySync(timeoutMs) {
      const end = performance.now() + timeoutMs;
      for (let count = Atomics.load(control, CONTROL.READY); count < helpers; count = Atomics.load(control, CONTROL.READY)) {
        const left = end - performance.now();
        if (left <= 0) return false;
        Atomics.wait(control, CONTROL.READY, count, left);
      }
      return true;
    },
    run(shares) {
      if (closed) throw new Error('wasm backend: its helper threads were closed');
      if (shares.length > helpers + 1) throw new Error(`wasm backend: ${shares.length} shares for ${helpers} helpers and the caller`);
      for (let i = 0; i < helpers; i++) {
        const share = shares[i + 1];
        const at = CONTROL.FIRST_SLOT + i * CONTROL.SLOT_WORDS;
        if (share === undefined) words.fill(0, at, at + CONTROL.SLOT_WORDS);
        else writeShare(words, at, share);
      }
      Atomics.store(control, CONTROL.DONE, 0);
      Atomics.store(control, CONTROL.FAILED, 0);
      Atomics.add(control, CONTROL.SEQUENCE, 1);
      Atomics.notify(control, CONTROL.SEQUENCE);
      runShare(wasm, shares[0]);
      let done = Atomics.load(control, CONTROL.DONE);
      for (let spin = 0; spin < SPINS && done < helpers; spin++) done = Atomics.load(control, CONTROL.DONE);
      let last = performance.now();
      while (done < helpers) {
        Atomics.wait(control, CONTROL.DONE, done, 100);
        const now = Atomics.load(control, CONTROL.DONE);
        if (now !== done) last = performance.now();
        else if (performance.now() - last > STALL_MS) throw new Error(`wasm backend: a helper thread has not answered for ${STALL_MS / 1000} s`);
        done = now;
      }
      if (Atomics.load(control, CONTROL.FAILED) !== 0) throw new Error('wasm backend: a helper thread failed in its GEMM share (out of bounds?)');
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
