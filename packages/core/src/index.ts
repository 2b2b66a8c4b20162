/**
 * @nn/core: one import for the whole toolkit. Every @nn package is re-exported flat and as a namespace
 * (`layers`, `losses`, `optim`, `regularize`, `data`, `evaluation`, `conv`, `gpu`, `tensors`), plus the training loop and persistence.
 * Where two packages use one name, the flat export is the tensor op or the loss, and the namespace
 * reaches the other (`evaluation.meanSquaredError` is the metric).
 */
export * from '@nn/tensor';
export * from '@nn/layers';
export * from '@nn/losses';
export * from '@nn/optim';
export * from '@nn/regularize';
export * from '@nn/data';
export * from '@nn/eval';
export * from '@nn/conv';
export * from '@nn/gpu';
// Both @nn/losses and @nn/eval name one; flat, it is the loss (evaluation.meanSquaredError is the metric).
export { meanSquaredError } from '@nn/losses';

export * as tensors from '@nn/tensor';
export * as layers from '@nn/layers';
export * as losses from '@nn/losses';
export * as optim from '@nn/optim';
export * as regularize from '@nn/regularize';
export * as data from '@nn/data';
export * as evaluation from '@nn/eval';
export * as conv from '@nn/conv';
export * as gpu from '@nn/gpu';

export { fit } from './fit';
export type { FitOptions } from './fit';
export { perSampleLosses } from './per-sample-losses';
export { evaluate } from './evaluate';
export type { EvaluateOptions, Evaluation, Metric } from './evaluate';
export { predict } from './predict';
export type { BatchLogs, EpochLogs, FitControl, History, TrainBeginInfo, TrainingCallback } from './callbacks';
export { progressBar, formatEpoch, formatDuration } from './progress-bar';
export { reduceLrOnPlateau } from './reduce-lr-on-plateau';
export type { LrReduction, ReduceLrOnPlateau, ReduceLrOnPlateauOptions } from './reduce-lr-on-plateau';
export { TrainingDivergedError } from './errors';
export { save, load, toJSON, fromJSON, defaultLayerBuilders } from './save-load';
export type { LoadOptions, ModelJson } from './save-load';
export { modelToFiles, modelFromFiles } from './model-files';
export type { ModelFiles, ModelToFilesOptions } from './model-files';
export { saveToIndexedDB, loadFromIndexedDB, deleteFromIndexedDB } from './indexed-db';
export type { IndexedDBOptions } from './indexed-db';
export { downloadModel } from './download-model';
export { encodeSafetensors, decodeSafetensors } from './safetensors';
export { perceptron } from './perceptron';
export type { PerceptronOptions, PerceptronResult } from './perceptron';
export { deltaRule } from './delta-rule';
export type { DeltaRuleOptions, DeltaRuleResult } from './delta-rule';
