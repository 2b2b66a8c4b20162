import { CONTROL, SHARE_KERNELS } from './thread-protocol';

/**
 * The code of a GEMM helper thread, run by `new Worker(source, { eval: true })` so that it needs no
 * file of its own (the same string works from the sources under test and from the bundle). It
 * instantiates the kernels over the shared memory, says it is ready, then sleeps on the SEQUENCE word;
 * on each new value it runs its slot's share (laid out as thread-protocol.ts says), counts itself
 * DONE and wakes the caller.
 */
export const helperThreadSource = `
'use strict';
const { workerData } = require('node:worker_threads');
const { module, memory, control: buffer, slot } = workerData;
const { SEQUENCE, DONE, FAILED, READY, FIRST_SLOT, SLOT_WORDS } = ${JSON.stringify(CONTROL)};
const KERNELS = ${JSON.stringify(SHARE_KERNELS)};
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
  const kernel = words[at];
  if (kernel !== 0) {
    try {
      kernels[KERNELS[kernel - 1]](...words.subarray(at + 2, at + 2 + words[at + 1]));
    } catch {
      Atomics.store(control, FAILED, 1);
    }
  }
  Atomics.add(control, DONE, 1);
  Atomics.notify(control, DONE);
}
`;
