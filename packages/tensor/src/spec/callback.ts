import type { Layer } from './layer';

/** What one optimizer step saw. `epoch` and `batch` count from 1, as people do. */
export interface BatchLogs {
  readonly epoch: number;
  readonly batch: number;
  readonly batches: number;
  readonly loss: number;
  /** Samples in this batch. */
  readonly size: number;
}

/** One epoch's summary: training loss and metrics averaged over its samples, then validation ones. */
export interface EpochLogs {
  readonly epoch: number;
  readonly loss: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly valLoss?: number;
  readonly valMetrics?: Readonly<Record<string, number>>;
  /** Wall-clock seconds the epoch took (training and validation). */
  readonly seconds: number;
  /** Training samples per second in this epoch. */
  readonly samplesPerSecond: number;
}

/** Lets a callback end training after the current epoch, and reach the model (e.g. to restore weights). */
export interface FitControl {
  readonly model: Layer;
  stop(reason: string): void;
  /**
   * The optimizer's state between updates, where the loop offers it (`fit` does): read it, or assign a
   * new state to use from the next update on — e.g. a changed learning rate kept there by
   * `injectHyperparams` (@nn/optim), as `reduceLrOnPlateau` (@nn/core) does.
   */
  optimizerState?: unknown;
}

/** What fit knows before its first step. */
export interface TrainBeginInfo {
  readonly epochs: number;
  readonly batchesPerEpoch: number;
  readonly samples: number;
  readonly validationSamples: number;
  readonly metricNames: readonly string[];
}

/**
 * Hooks into a training loop (Keras callbacks), e.g. `fit` in @nn/core; each may be async. The type
 * lives here so that packages other than @nn/core (early stopping in @nn/regularize) can implement it.
 */
export interface TrainingCallback {
  onTrainBegin?(info: TrainBeginInfo, control: FitControl): void | Promise<void>;
  onEpochBegin?(epoch: number, control: FitControl): void | Promise<void>;
  onBatchEnd?(logs: BatchLogs, control: FitControl): void | Promise<void>;
  onEpochEnd?(logs: EpochLogs, control: FitControl): void | Promise<void>;
  onTrainEnd?(history: History, control: FitControl): void | Promise<void>;
}

/** Per-epoch curves, as fit returns them. */
export interface History {
  readonly epochs: EpochLogs[];
  /** Why training ended early, when a callback stopped it. */
  stoppedBecause?: string;
}
