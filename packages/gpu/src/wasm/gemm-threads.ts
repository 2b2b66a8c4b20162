import type { KernelExports } from './kernels-module';
import { threadHost } from '#thread-host';
import { createContentionMonitor } from './contention-monitor';
import { createStarvationMonitor } from './starvation-monitor';
import { CONTROL, SHARES_PER_THREAD, SHARE_KERNELS, type ShareKernel, type ThreadHost } from './thread-protocol';

/**
 * One thread's share of a product: a call of `kernel` with `args` (pointers are byte offsets into the
 * shared memory; each share has its own packing space `work`).
 */
export interface Share {
  readonly kernel: ShareKernel;
  readonly args: readonly number[];
}

/**
 * Helper threads that multiply alongside the calling thread over one shared wasm memory, behind a
 * synchronous call: `run` offers share i + 1 to helper i, computes share 0 itself, then takes every
 * offered share no helper has claimed yet (a helper still waking up would otherwise keep it waiting)
 * and blocks (Atomics.wait) until the claimed ones are done; where the caller may not block (a
 * browser's main thread), it spins on the control words instead. Between calls helpers spin for
 * `spinMs`, then sleep in Atomics.wait.
 */
export interface GemmThreads {
  /** Helper threads started (the caller is not counted). */
  readonly helpers: number;
  /**
   * True once every helper has instantiated the kernels; until then `run` must not be called. False
   * again, for a while, when the helpers are measured starved (see `createStarvationMonitor`) or other
   * processes hold the cores they need (see `createContentionMonitor`): products then run on the
   * calling thread alone until the threads get another try.
   */
  ready(): boolean;
  /** Helpers awake now, working or spinning; the others sleep until the next split product wakes them. */
  awake(): number;
  /** Resolves when every helper is ready (rejects if one failed to start). */
  whenReady(): Promise<void>;
  /**
   * Blocks (Atomics.wait) until every helper is ready or `timeoutMs` has passed; whether they are. Where
   * the caller may not block, or helpers cannot start while it does (a browser's Web Workers start only
   * once their maker returns to its event loop), it does not wait, and products run on the caller alone
   * until the helpers are ready.
   */
  waitReadySync(timeoutMs: number): boolean;
  /** Runs shares[0] here and shares[1…] on the helpers (at most `helpers` + 1 shares), then returns. */
  run(shares: readonly Share[]): void;
  /** Stops the helpers; `run` is refused afterwards. */
  close(): Promise<void>;
}

/** Give up on a helper that has not answered for this long: a hang would otherwise block forever. */
const STALL_MS = 60_000;
/** Checks of DONE before sleeping on it: most shares end within microseconds of each other. */
const SPINS = 4000;

/**
 * How long helpers stay awake after their last share by default, spinning, before they sleep: waking a
 * sleeping helper cost the caller 0.03–0.6 ms on the VM measured (README "After idle spells"), and
 * W4's MLP ran 10–20 % faster on two threads (in-process A/B) with helpers kept awake across the few
 * milliseconds other work took between its calls. Thread pools do the same: OpenMP's KMP_BLOCKTIME is
 * 200 ms.
 */
export const HELPER_SPIN_MS = 20;

export interface GemmThreadsOptions {
  /** Watch other processes' CPU time and sit out while they hold the helpers' cores (default true, where the host can tell). */
  readonly yieldToOtherProcesses?: boolean;
  /** Milliseconds a helper spins after its last share before it sleeps (default HELPER_SPIN_MS); none while the helpers sit out. */
  readonly spinMs?: number;
}

/** The cores this process or page may use (os.availableParallelism in Node, navigator.hardwareConcurrency in a browser). */
export function availableCores(): number {
  return threadHost.cores();
}

/** Runs one share on this thread's instance. */
export function runShare(wasm: KernelExports, { kernel, args }: Share): void {
  (wasm[kernel] as (...a: number[]) => void)(...args);
}

/**
 * Starts `helpers` helper threads on `host` (`#thread-host`: worker_threads in Node, Web Workers in a
 * browser), each instantiating `module` over `memory`. Node's are unref'd: they never keep the process alive.
 */
export function startGemmThreads(host: ThreadHost, module: WebAssembly.Module, memory: WebAssembly.Memory, wasm: KernelExports, helpers: number, { yieldToOtherProcesses = true, spinMs = HELPER_SPIN_MS }: GemmThreadsOptions = {}): GemmThreads {
  // the caller runs the first share; every other one sits in a slot
  const slots = SHARES_PER_THREAD * (helpers + 1) - 1;
  const controlBuffer = new SharedArrayBuffer(4 * (CONTROL.FIRST_SLOT + CONTROL.SLOT_WORDS * slots));
  const control = new Int32Array(controlBuffer);
  const words = new Uint32Array(controlBuffer);
  const canBlock = host.canBlock();
  /** Atomics.wait where the caller may block, else a spin until the word changes or `timeoutMs` passes. */
  const waitOn = (index: number, value: number, timeoutMs: number): void => {
    if (canBlock) {
      Atomics.wait(control, index, value, timeoutMs);
      return;
    }
    const end = performance.now() + timeoutMs;
    while (Atomics.load(control, index) === value && performance.now() < end);
  };
  // NOTE: before the helpers start, so that the first of them reads it
  const spinUs = Math.round(spinMs * 1000);
  let spinning = spinUs;
  Atomics.store(control, CONTROL.SPIN_US, spinUs);
  let startError: Error | undefined;
  let closed = false;
  const workers = Array.from({ length: helpers }, (_, slot) =>
    host.start({ module, memory, control: controlBuffer, slot }, (error) => {
      startError ??= error;
    }),
  );
  const allReady = () => Atomics.load(control, CONTROL.READY) === helpers;
  const monitor = createStarvationMonitor();
  const meter = yieldToOtherProcesses ? host.freeCoresMeter?.() : undefined;
  const contention = meter === undefined ? undefined : createContentionMonitor({ threads: helpers + 1, meter });
  return {
    helpers,
    ready() {
      if (closed || startError !== undefined || !allReady()) return false;
      const sitOut = monitor.solo() || contention?.crowded() === true;
      // NOTE: helpers that sit out stop spinning at once: the core they would spin on is wanted elsewhere
      const spin = sitOut ? 0 : spinUs;
      if (spin !== spinning) Atomics.store(control, CONTROL.SPIN_US, (spinning = spin));
      return !sitOut;
    },
    awake: () => Atomics.load(control, CONTROL.AWAKE),
    async whenReady() {
      while (!allReady()) {
        if (startError !== undefined) throw startError;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    },
    waitReadySync(timeoutMs) {
      if (!canBlock || !host.startsWhileBlocked) return allReady();
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
      if (shares.length > slots + 1) throw new Error(`wasm backend: ${shares.length} shares for ${slots + 1} places`);
      // NOTE: reset before any share is open: a helper still awake from the last call may claim one at once
      Atomics.store(control, CONTROL.DONE, 0);
      Atomics.store(control, CONTROL.FAILED, 0);
      const open = shares.length - 1;
      for (let i = 0; i < open; i++) {
        const share = shares[i + 1];
        const at = CONTROL.FIRST_SLOT + i * CONTROL.SLOT_WORDS;
        if (share.args.length > CONTROL.CLAIM - 2) throw new Error(`wasm backend: ${share.kernel} takes more arguments than a slot holds`);
        words[at] = SHARE_KERNELS.indexOf(share.kernel) + 1;
        words[at + 1] = share.args.length;
        words.set(share.args, at + 2);
        Atomics.store(control, at + CONTROL.CLAIM, CONTROL.OPEN);
      }
      Atomics.store(control, CONTROL.COUNT, open);
      Atomics.add(control, CONTROL.SEQUENCE, 1);
      Atomics.notify(control, CONTROL.SEQUENCE);
      const started = performance.now();
      runShare(wasm, shares[0]);
      // take what no helper has started: a helper that sleeps through the call, or runs slowly, costs no waiting
      let onHelpers = 0;
      for (let i = 0; i < open; i++) {
        const at = CONTROL.FIRST_SLOT + i * CONTROL.SLOT_WORDS;
        if (Atomics.compareExchange(control, at + CONTROL.CLAIM, CONTROL.OPEN, CONTROL.TAKEN) === CONTROL.OPEN) runShare(wasm, shares[i + 1]);
        else onHelpers++;
      }
      const ownDone = performance.now();
      let done = Atomics.load(control, CONTROL.DONE);
      for (let spin = 0; spin < SPINS && done < onHelpers; spin++) done = Atomics.load(control, CONTROL.DONE);
      let last = performance.now();
      while (done < onHelpers) {
        waitOn(CONTROL.DONE, done, 100);
        const now = Atomics.load(control, CONTROL.DONE);
        if (now !== done) last = performance.now();
        else if (performance.now() - last > STALL_MS) throw new Error(`wasm backend: a helper thread has not answered for ${STALL_MS / 1000} s`);
        done = now;
      }
      if (Atomics.load(control, CONTROL.FAILED) !== 0) throw new Error('wasm backend: a helper thread failed in its share (out of bounds?)');
      // NOTE: shares are about equal, so the caller's time per share prices the helpers' ones
      monitor.record(shares.length, onHelpers, (ownDone - started) / (shares.length - onHelpers), performance.now() - ownDone);
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
