/**
 * What the calling thread and its GEMM helper threads agree on (gemm-threads.ts writes it,
 * helper-thread-source.ts reads it): the control words of a shared Int32Array and the kernels a share
 * can call.
 */

/**
 * The kernels a helper thread can run a share of: the GEMMs (each takes a batch range and a row range
 * last) and the pooling-window reduction (a share is a run of its outer rows, by pointers and count).
 */
export const SHARE_KERNELS = ['sgemmBatch', 'dgemmBatch', 'sgemmGathered', 'dgemmGathered', 'extremum2F32', 'extremum2F64'] as const;
export type ShareKernel = (typeof SHARE_KERNELS)[number];

/**
 * Control words (Int32Array indices): SEQUENCE counts the calls (helpers sleep on it), DONE the shares
 * helpers finished in this call, FAILED is set when a share threw, READY counts the helpers started.
 * Helper i reads slot i at FIRST_SLOT + i·SLOT_WORDS: [kernel's index in SHARE_KERNELS + 1, argument
 * count, arguments…], and its last word CLAIM: OPEN when the share waits for whoever takes it first (the
 * helper, or the caller once its own share is done: a helper that wakes late costs nothing), TAKEN
 * once taken.
 */
export const CONTROL = { SEQUENCE: 0, DONE: 1, FAILED: 2, READY: 3, FIRST_SLOT: 16, SLOT_WORDS: 20, CLAIM: 19, OPEN: 1, TAKEN: 2 } as const;
