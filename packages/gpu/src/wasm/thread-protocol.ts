/**
 * What the calling thread and its GEMM helper threads agree on (gemm-threads.ts writes it,
 * helper-thread-source.ts reads it): the control words of a shared Int32Array and the kernels a share
 * can call.
 */

/**
 * The kernels a helper thread can run a share of: the GEMMs (each takes a batch range and a row range
 * last), the pooling-window reduction, gather / scatterAdd (a share is a run of their outer rows,
 * by pointers and count), and the elementwise fused kernels of fused.ts (a share is a run of elements).
 */
export const SHARE_KERNELS = [
  'sgemmBatch', 'dgemmBatch', 'sgemmGathered', 'dgemmGathered', 'sgemmSeparable', 'dgemmSeparable', 'sgemmSeparableRows', 'sgemmSeparableGradA', 'dgemmSeparableGradA', 'extremum2F32', 'extremum2F64', 'gatherF32', 'gatherF64', 'scatterAddF32', 'scatterAddF64',
  'adamF32', 'dropoutMaskF32', 'normalF32',
] as const;
export type ShareKernel = (typeof SHARE_KERNELS)[number];

/**
 * Control words (Int32Array indices): SEQUENCE counts the calls (helpers sleep on it), DONE the shares
 * helpers finished in this call, FAILED is set when a share threw, READY counts the helpers started,
 * COUNT the slots this call uses, SPIN_US how many microseconds a helper stays awake, spinning on
 * SEQUENCE, after its last share before it sleeps (the caller sets it; 0 while the helpers sit out),
 * AWAKE how many helpers are awake now (working or spinning). Slot i sits at FIRST_SLOT +
 * i·SLOT_WORDS: [kernel's index in SHARE_KERNELS + 1, argument count, arguments…], and its last
 * word CLAIM: OPEN while the share waits for whoever takes it first, TAKEN once taken. Every thread
 * takes what it can: a woken helper scans the slots from its own, and the caller, its own share done,
 * takes every share still open. So a helper that wakes late, or runs slowly on a busy core, leaves
 * more to the caller instead of making it wait.
 */
export const CONTROL = { SEQUENCE: 0, DONE: 1, FAILED: 2, READY: 3, COUNT: 4, SPIN_US: 5, AWAKE: 6, FIRST_SLOT: 16, SLOT_WORDS: 20, CLAIM: 19, OPEN: 1, TAKEN: 2 } as const;

/**
 * Shares per thread a product is cut into (when it has the rows or matrices): more than one, so that
 * the threads balance when one of them starts late or runs slowly.
 */
export const SHARES_PER_THREAD = 4;

/** What a helper thread is given when it starts: the kernels' module, the shared memory, the control block, its slot. */
export interface HelperData {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly control: SharedArrayBuffer;
  readonly slot: number;
}

/** A started helper thread. */
export interface HelperThread {
  terminate(): unknown;
}

/**
 * How helper threads are made where the backend runs: the `#thread-host` import (package.json
 * `imports`) gives Node's form (worker_threads, thread-host.node.ts) under the `node` condition and the
 * browser's (Web Workers, thread-host.browser.ts) otherwise.
 */
export interface ThreadHost {
  /** What runs the helpers, for messages: 'worker_threads' or 'Web Workers'. */
  readonly kind: string;
  /** Why helper threads cannot run here (no shared memory, no workers, …); undefined where they can. */
  unavailable(): string | undefined;
  /** The cores this process or page may use (1 where unknown). */
  cores(): number;
  /**
   * Whether the calling thread may block in Atomics.wait. A browser's main thread may not: there the
   * caller spins on the control words instead, and does not wait for its helpers to start.
   */
  canBlock(): boolean;
  /**
   * Whether helpers start while the thread that made them blocks. Node's worker_threads do; a browser
   * starts a Web Worker only once the thread that made it returns to its event loop (measured in
   * Chromium: a worker that blocked 5 s in Atomics.wait for its nested helpers saw none start).
   */
  readonly startsWhileBlocked: boolean;
  /**
   * A meter of the cores other processes leave to this one, where the host can tell (Node): each call
   * of the returned function gives the machine's cores less the CPU time (in cores) other processes
   * used since its previous call (undefined on the first). Absent where it cannot be known (a browser).
   */
  freeCoresMeter?(): () => number | undefined;
  /** Starts one helper over `data`; `onError` hears of a helper that fails to start or dies. */
  start(data: HelperData, onError: (error: Error) => void): HelperThread;
}
