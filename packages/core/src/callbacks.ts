// NOTE: the training-callback contract lives in @nn/tensor's spec types (so that @nn/regularize and other
// packages can implement it without depending on @nn/core); re-exported here unchanged.
export type { BatchLogs, EpochLogs, FitControl, History, TrainBeginInfo, TrainingCallback } from '@nn/tensor';
