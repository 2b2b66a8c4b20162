// Penalties, constraints, noise, dropout
export { isBias, notBias } from './select-leaves';
export type { LeafSelector, ParamPath, LeafSelection, SelectMask } from './select-leaves';
export type { Penalty, PenaltyOptions } from './penalty';
export { l2 } from './l2';
export { l1 } from './l1';
export { elasticNet } from './elastic-net';
export type { ElasticNetOptions } from './elastic-net';
export { weightElimination } from './weight-elimination';
export type { WeightEliminationOptions } from './weight-elimination';
export { addPenaltyGradient } from './add-penalty-gradient';
export type { AddPenaltyGradientState } from './add-penalty-gradient';
export { decoupledWeightDecay } from './decoupled-weight-decay';
export type { DecoupledWeightDecayOptions, DecoupledWeightDecayState } from './decoupled-weight-decay';
export type { ConstraintOptions, ConstraintState } from './constraint';
export { maxNorm } from './max-norm';
export type { MaxNormOptions } from './max-norm';
export { unitNorm } from './unit-norm';
export type { UnitNormOptions } from './unit-norm';
export { nonNeg } from './non-neg';
export { dropout } from './dropout';
export type { DropoutOptions, DropoutParams } from './dropout';
export { gaussianNoise } from './gaussian-noise';
export type { GaussianNoiseParams } from './gaussian-noise';
export { weightNoise } from './weight-noise';
export type { WeightNoiseLayer, WeightNoiseOptions } from './weight-noise';
export { stochasticBinary } from './stochastic-binary';
export type { StochasticBinaryParams } from './stochastic-binary';
export { mcDropoutPredict } from './mc-dropout-predict';
export type { McDropoutPrediction, McDropoutPredictOptions } from './mc-dropout-predict';
export { regularizeLayerBuilders } from './regularize-layer-builders';
export type { RegularizeBuildContext, RegularizeLayerBuilder, RegularizeLayerBuilders } from './regularize-layer-builders';


// Early stopping, ensembles, Bayesian averaging
export { earlyStopping } from './early-stopping';
export type { EarlyStoppingCallback, EarlyStoppingOptions } from './early-stopping';
export { ensemble, ensembleBuilder } from './ensemble';
export type { EnsembleCombine, EnsembleLayer, EnsembleOptions } from './ensemble';
export { ensembleSpread } from './ensemble-spread';
export type { EnsembleSpread } from './ensemble-spread';
export { bagging } from './bagging';
export type { BaggingData, BaggingOptions } from './bagging';
export { sgld } from './sgld';
export type { SgldOptions, SgldState } from './sgld';
export { posteriorSamples } from './posterior-samples';
export type { PosteriorSamplesCallback, PosteriorSamplesOptions } from './posterior-samples';
