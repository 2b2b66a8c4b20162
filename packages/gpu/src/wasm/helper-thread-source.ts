import { CONTROL, SHARE_KERNELS } from './thread-protocol';

/**
 * The code of a GEMM helper thread, as the text of a function `startHelper(data: HelperData)` that never
 * returns, so that it needs no file of its own (the same string works from the sources under test and
 * from any bundle). Each thread host wraps it: Node's calls it with `workerData` in a worker_thread
 * (`eval: true`), the browser's with the first message a Web Worker made from a Blob receives. It
 * instantiates the kernels over the shared memory, says it is ready, then sleeps on the SEQUENCE word
 * once it has spun on it for SPIN_US microseconds (and at least SPINS checks); on each new value it
 * claims every share still open (laid out as thread-protocol.ts says), runs it, counts it DONE and
 * wakes the caller.
 */
export const helperThreadFunction = `
function startHelper({ module, memory, control: buffer, slot }) {
  const { SEQUENCE, DONE, FAILED, READY, COUNT, SPIN_US, AWAKE, FIRST_SLOT, SLOT_WORDS, CLAIM, OPEN, TAKEN } = ${JSON.stringify(CONTROL)};
  const KERNELS = ${JSON.stringify(SHARE_KERNELS)};
  // the fewest checks of SEQUENCE before sleeping (~50 µs): a product that follows at once finds this thread awake
  const SPINS = 20000;
  // checks between readings of the clock and of SPIN_US (which the caller may lower to 0 at any time); a power of two
  const CLOCK_EVERY = 1024;
  const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const control = new Int32Array(buffer);
  const words = new Uint32Array(buffer);
  let seen = Atomics.load(control, SEQUENCE);
  Atomics.add(control, AWAKE, 1);
  Atomics.add(control, READY, 1);
  Atomics.notify(control, READY);
  for (;;) {
    const idleSince = performance.now();
    for (let spin = 1; Atomics.load(control, SEQUENCE) === seen; spin++) {
      if ((spin & (CLOCK_EVERY - 1)) === 0 && spin >= SPINS && performance.now() - idleSince >= Atomics.load(control, SPIN_US) / 1000) {
        Atomics.sub(control, AWAKE, 1);
        Atomics.wait(control, SEQUENCE, seen);
        Atomics.add(control, AWAKE, 1);
        break;
      }
    }
    seen = Atomics.load(control, SEQUENCE);
    // every share still open, from this thread's own slot on (the caller or another helper may take some)
    const count = Atomics.load(control, COUNT);
    for (let j = 0; j < count; j++) {
      const at = FIRST_SLOT + ((slot + j) % count) * SLOT_WORDS;
      if (Atomics.compareExchange(control, at + CLAIM, OPEN, TAKEN) !== OPEN) continue;
      try {
        kernels[KERNELS[words[at] - 1]](...words.subarray(at + 2, at + 2 + words[at + 1]));
      } catch {
        Atomics.store(control, FAILED, 1);
      }
      Atomics.add(control, DONE, 1);
      Atomics.notify(control, DONE);
    }
  }
}
`;
