// Datasets
export { dataset, numSamples } from './dataset';
export type { Dataset } from './dataset';
export { subset } from './subset';
export type { SampleRange } from './subset';

// Loaders
export { parseIdx } from './parse-idx';
export type { IdxArray, IdxData, IdxDType } from './parse-idx';
export { readIdxFile } from './read-idx-file';
export type { ReadIdxFileOptions } from './read-idx-file';
export { loadMnist } from './load-mnist';
export type { LoadMnistOptions, Mnist } from './load-mnist';
export { loadCsv } from './load-csv';
export type { CsvDataset, LoadCsvOptions } from './load-csv';

// Synthetic problems
export type { SyntheticOptions } from './synthetic/synthetic';
export { logicGate } from './synthetic/logic-gate';
export type { LogicGateName, LogicGateOptions } from './synthetic/logic-gate';
export { blobs } from './synthetic/blobs';
export type { BlobsOptions } from './synthetic/blobs';
export { linearlySeparable } from './synthetic/linearly-separable';
export type { LinearlySeparableOptions } from './synthetic/linearly-separable';
export { doubleMoon } from './synthetic/double-moon';
export type { DoubleMoonOptions } from './synthetic/double-moon';
export { twoSpirals } from './synthetic/two-spirals';
export type { TwoSpiralsOptions } from './synthetic/two-spirals';
export { concentricCircles } from './synthetic/concentric-circles';
export type { ConcentricCirclesOptions } from './synthetic/concentric-circles';
export { cafeteriaBills } from './synthetic/cafeteria-bills';
export type { CafeteriaBillsOptions } from './synthetic/cafeteria-bills';

// Splits
export type { SplitOptions } from './split-indices';
export { trainTestSplit } from './train-test-split';
export type { TrainTestSplitOptions } from './train-test-split';
export { trainValidationTestSplit } from './train-validation-test-split';
export type { TrainValidationTestSplitOptions } from './train-validation-test-split';
export { kFold } from './folds/k-fold';
export type { Fold, KFoldOptions } from './folds/k-fold';
export { stratifiedKFold } from './folds/stratified-k-fold';
export type { StratifiedKFoldOptions } from './folds/stratified-k-fold';
export { repeatedKFold } from './folds/repeated-k-fold';
export type { RepeatedKFoldOptions } from './folds/repeated-k-fold';
export { bootstrap } from './folds/bootstrap';
export type { BootstrapSample } from './folds/bootstrap';

// Batching
export { batchAt, batches, numBatches } from './batches';
export type { Batch, BatchOptions } from './batches';
export { batchesInOrder } from './order/batch-order';
export type { BatchOrder, BatchOrderContext } from './order/batch-order';
export { classBalancedOrder } from './order/class-balanced-order';
export { alternatingClassOrder } from './order/alternating-class-order';
export { emphasisOrder, emphasisProbabilities } from './order/emphasis-order';
export type { EmphasisOrderOptions } from './order/emphasis-order';

// Preprocessing
export { applyStandardizer, fitStandardizer, standardize } from './standardize';
export type { Standardizer } from './standardize';
export { zScore } from './preprocess/z-score';
export type { ZScoreState } from './preprocess/z-score';
export { minMax } from './preprocess/min-max';
export type { MinMaxOptions, MinMaxState } from './preprocess/min-max';
export { pca } from './preprocess/pca';
export type { PcaOptions, PcaState } from './preprocess/pca';
export { decorrelate } from './preprocess/decorrelate';
export { whiten } from './preprocess/whiten';
export type { WhitenOptions } from './preprocess/whiten';
export { preprocessorFromJSON } from './preprocess/preprocessor-from-json';
export type { FittedPreprocessor, Preprocessor, PreprocessorJson } from './preprocess/preprocessor';

// Augmentation
export { augment } from './augment/augmentation';
export type { Augmentation } from './augment/augmentation';
export { composeAugmentations } from './augment/compose-augmentations';
export { augmentBatches } from './augment/augment-batches';
export { affineMatrix, affineTransform } from './augment/affine-transform';
export type { AffineParams, AffineTransformOptions } from './augment/affine-transform';
export { randomAffine } from './augment/random-affine';
export type { RandomAffineOptions } from './augment/random-affine';
export { elasticDistortion } from './augment/elastic-distortion';
export type { ElasticDistortionOptions } from './augment/elastic-distortion';
export type { Fill } from './augment/bilinear-remap';
export { preprocessingLayer, preprocessingLayerBuilders } from './preprocess/preprocessing-layer';
export type { PreprocessingParams } from './preprocess/preprocessing-layer';
