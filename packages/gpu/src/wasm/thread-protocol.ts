/**
 * What the calling thread and its GEMM helper threads agree on (gemm-threads.ts writes it,
 * helper-thread-source.ts reads it): the control words of a shared Int32Array and the kernels a share
 * can call.
 */

/** The kernels a helper thread can run a share of: each takes a batch range and a row range last. */
export const SHARE_KERNELS = ['sgemmBatch', 'dgemmBatch', 'sgemmGathered', 'dgemmGathered'] as const;
export type ShareKernel = (typeof SHARE_KERNELS)[number];

/**
 * Control words (Int32Array indices): SEQUENCE counts the calls (helpers sleep on it), DONE the helpers
 * finished with this call, FAILED is set when a share threw, READY counts the helpers started. Helper i
 * reads slot i at FIRST_SLOT + i·SLOT_WORDS: [kernel's index in SHARE_KERNELS + 1 (0: nothing to do),
 * argument count, arguments…].
 */
export const CONTROL = { SEQUENCE: 0, DONE: 1, FAILED: 2, READY: 3, FIRST_SLOT: 16, SLOT_WORDS: 20 } as const;
