/**
 * How much each workload measures, full and --quick. Training speed is one pass over `timed` samples
 * after a warm-up pass over `warmup` samples (the first samples of the 8,000), or the median of
 * `rounds` such passes taken in turn with other libraries (runTrainingTogether); full runs then train on
 * to `accuracyEpochs` epochs of all 8,000 and report the test accuracy on the 2,000 test digits.
 * Slow peers get fewer samples so that --quick stays under 2 minutes and a full run under 10.
 */
export interface TrainPlan {
  readonly warmup: number;
  readonly timed: number;
  /** 0: no accuracy run. */
  readonly accuracyEpochs: number;
}

export interface Plan {
  readonly sgemmSizes: readonly number[];
  /** Timing budget per figure for W1 and W4: the median of at least `minRuns` runs taking `minMs` in all, after one warm-up run. */
  readonly minMs: number;
  readonly minRuns: number;
  readonly mlp: {
    /** @nn's wasm backends and tfjs wasm are timed interleaved: a pass of each in turn, `rounds` times (see runTrainingTogether). */
    readonly rounds: number;
    /** @nn and tfjs wasm: batched training through the library's fit. */
    readonly batched: TrainPlan;
    /** tfjs cpu: slow; its accuracy is tfjs wasm's (same model and optimizer), so no accuracy run. */
    readonly tfjsCpu: TrainPlan;
    /** ConvNetJS: forward and backward one sample at a time. */
    readonly perSample: TrainPlan;
    /** brain.js: one sample and one update at a time through a slow API. */
    readonly brain: TrainPlan;
  };
  /** W7, optimizer step cost: the timing budget of each interleaved group (steps, then updates alone). */
  readonly optimizerStep: { readonly minMs: number; readonly minRuns: number };
  readonly lenet: {
    /** @nn's wasm backends and ConvNetJS are timed interleaved: a pass of each in turn, `rounds` times (see runTrainingTogether). */
    readonly rounds: number;
    readonly batched: TrainPlan;
    readonly perSample: TrainPlan;
    /** tfjs cpu: its Conv2DBackpropFilter takes seconds per batch. */
    readonly tfjsCpu: TrainPlan;
  };
}

export function planFor(quick: boolean): Plan {
  return quick
    ? {
      sgemmSizes: [128, 256, 512],
      minMs: 250,
      minRuns: 2,
      mlp: {
        rounds: 2,
        batched: { warmup: 640, timed: 1920, accuracyEpochs: 0 },
        tfjsCpu: { warmup: 192, timed: 640, accuracyEpochs: 0 },
        perSample: { warmup: 128, timed: 640, accuracyEpochs: 0 },
        brain: { warmup: 64, timed: 320, accuracyEpochs: 0 },
      },
      optimizerStep: { minMs: 300, minRuns: 5 },
      lenet: {
        rounds: 2,
        batched: { warmup: 64, timed: 256, accuracyEpochs: 0 },
        perSample: { warmup: 32, timed: 80, accuracyEpochs: 0 },
        tfjsCpu: { warmup: 32, timed: 32, accuracyEpochs: 0 },
      },
    }
    : {
      sgemmSizes: [128, 256, 512, 1024],
      minMs: 1000,
      minRuns: 3,
      mlp: {
        // 5 rounds: ~0.2 s a pass of @nn's, ~2 s of tfjs wasm's; their accuracy after the 6 epochs that makes
        rounds: 5,
        batched: { warmup: 8000, timed: 8000, accuracyEpochs: 5 },
        tfjsCpu: { warmup: 640, timed: 8000, accuracyEpochs: 0 },
        perSample: { warmup: 8000, timed: 8000, accuracyEpochs: 5 },
        // one pass of brain.js is 8,000 updates; its accuracy after that pass shows whether it learns
        brain: { warmup: 500, timed: 8000, accuracyEpochs: 1 },
      },
      optimizerStep: { minMs: 3000, minRuns: 20 },
      lenet: {
        // 5 rounds: 8,000 @nn samples (~0.2 s a pass) and 800 ConvNetJS ones (~0.6 s a pass) in all
        rounds: 5,
        batched: { warmup: 320, timed: 1600, accuracyEpochs: 0 },
        perSample: { warmup: 160, timed: 160, accuracyEpochs: 0 },
        tfjsCpu: { warmup: 32, timed: 96, accuracyEpochs: 0 },
      },
    };
}
