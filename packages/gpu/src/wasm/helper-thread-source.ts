/**
 * The code of a GEMM helper thread, run by `new Worker(source, { eval: true })` so that it needs no
 * file of its own (the same string works from the sources under test and from the bundle). It
 * instantiates the kernels over the shared memory, says it is ready, then sleeps on the SEQUENCE word;
 * on each new value it runs its slot's share (16 words, as gemm-threads.ts CONTROL and writeShare lay
 * them out), counts itself DONE and wakes the caller.
 */
export const helperThreadSource = `
'use strict';
const { workerData } = require('node:worker_threads');
const { module, memory, control: buffer, slot } = workerData;
const SEQUENCE = 0, DONE = 1, FAILED = 2, READY = 3, FIRST_SLOT = 16, SLOT_WORDS = 16;
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
const control = new Int32Array(buffer);
const words = new Uint32Array(buffer);
const at = FIRST_SLOT + slot * SLOT_WORDS;
let seen = Atomics.load(control, SEQUENCE);
Atomics.add(control, READY, 1);
Atomics.notify(control, READY);
for (;;) {
  Atomics.wait(control, SEQUENCE, seen);
  seen = Atomics.load(control, SEQUENCE);
  const s = words.subarray(at, at + SLOT_WORDS);
  // size, transA, transB, m, n, k, a, b, c, work, aStarts, bStarts, batch0, batch1, row0, row1
  if (s[0] !== 0 && s[13] > s[12] && s[15] > s[14]) {
    try {
      (s[0] === 4 ? kernels.sgemmBatch : kernels.dgemmBatch)(s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11], s[12], s[13], s[14], s[15]);
    } catch {
      Atomics.store(control, FAILED, 1);
    }
  }
  Atomics.add(control, DONE, 1);
  Atomics.notify(control, DONE);
}
`;
