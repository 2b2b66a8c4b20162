// Composition
export { chain } from './chain';
export type { ChainState } from './chain';
export { applyUpdates } from './apply-updates';
export { disposeSupersededState } from './dispose-superseded-state';
export { type CountedState, countedState } from './counted-state';

// Gradient transformations
export { identity } from './transforms/identity';
export type { IdentityState } from './transforms/identity';
export { scale } from './transforms/scale';
export type { ScaleState } from './transforms/scale';
export { scaleByLearningRate } from './transforms/scale-by-learning-rate';
export type { ScaleByLearningRateState } from './transforms/scale-by-learning-rate';
export { trace } from './transforms/trace';
export type { TraceOptions, TraceState } from './transforms/trace';

// Named optimizers
export { sgd } from './alias/sgd';
export type { SgdOptions, SgdState } from './alias/sgd';

// First-order methods
export { scaleByAdam } from './transforms/scale-by-adam';
export type { ScaleByAdamOptions, ScaleByAdamState } from './transforms/scale-by-adam';
export { adam } from './alias/adam';
export type { AdamOptions, AdamState } from './alias/adam';
export { addDecayedWeights } from './transforms/add-decayed-weights';
export { adamw } from './alias/adamw';
export type { AdamwOptions, AdamwState } from './alias/adamw';
export { scaleByRms } from './transforms/scale-by-rms';
export type { ScaleByRmsOptions, ScaleByRmsState } from './transforms/scale-by-rms';
export { rmsprop } from './alias/rmsprop';
export type { RmspropOptions, RmspropState } from './alias/rmsprop';
export { scaleByAdagrad } from './transforms/scale-by-adagrad';
export type { ScaleByAdagradOptions, ScaleByAdagradState } from './transforms/scale-by-adagrad';
export { adagrad } from './alias/adagrad';
export type { AdagradOptions, AdagradState } from './alias/adagrad';
export { scaleByAdadelta } from './transforms/scale-by-adadelta';
export type { ScaleByAdadeltaOptions, ScaleByAdadeltaState } from './transforms/scale-by-adadelta';
export { adadelta } from './alias/adadelta';
export type { AdadeltaOptions, AdadeltaState } from './alias/adadelta';
export { scaleByRprop } from './transforms/scale-by-rprop';
export type { RpropVariant, ScaleByRpropOptions, ScaleByRpropState } from './transforms/scale-by-rprop';
export { rprop } from './alias/rprop';
export type { RpropOptions, RpropState } from './alias/rprop';
export { clipByValue } from './transforms/clip-by-value';
export { clipByGlobalNorm } from './transforms/clip-by-global-norm';
export { sutskeverMomentum } from './transforms/sutskever-momentum';
export type { SutskeverMomentumOptions, SutskeverMomentumState } from './transforms/sutskever-momentum';
export { scaleByAdaptiveGains } from './transforms/scale-by-adaptive-gains';
export type { ScaleByAdaptiveGainsOptions, ScaleByAdaptiveGainsState } from './transforms/scale-by-adaptive-gains';
export { adaptiveGains } from './alias/adaptive-gains';
export type { AdaptiveGainsOptions, AdaptiveGainsState } from './alias/adaptive-gains';
export { multiTransform } from './transforms/multi-transform';
export type { LabelTree, MultiTransformState } from './transforms/multi-transform';

// Schedules
export { constantSchedule } from './schedules/constant-schedule';
export { exponentialDecay } from './schedules/exponential-decay';
export type { ExponentialDecayOptions } from './schedules/exponential-decay';
export { stepDecay } from './schedules/step-decay';
export type { StepDecayOptions } from './schedules/step-decay';
export { inverseTimeDecay } from './schedules/inverse-time-decay';
export type { InverseTimeDecayOptions } from './schedules/inverse-time-decay';
export { cosineDecay } from './schedules/cosine-decay';
export type { CosineDecayOptions } from './schedules/cosine-decay';
export { linearSchedule } from './schedules/linear-schedule';
export type { LinearScheduleOptions } from './schedules/linear-schedule';
export { joinSchedules } from './schedules/join-schedules';
export { warmupCosineDecay } from './schedules/warmup-cosine-decay';
export type { WarmupCosineDecayOptions } from './schedules/warmup-cosine-decay';
export { piecewiseConstant } from './schedules/piecewise-constant';
export type { PiecewiseConstantOptions } from './schedules/piecewise-constant';

// Checkpoints
export { stateToJSON, stateFromJSON } from './state-json';
export type { TensorJson } from './state-json';

// vSGD
export { scaleByVsgd } from './transforms/scale-by-vsgd';
export type { ScaleByVsgdOptions, ScaleByVsgdState } from './transforms/scale-by-vsgd';
export { vsgd } from './alias/vsgd';
export type { VsgdOptions, VsgdState } from './alias/vsgd';

// Hyper-parameter control
export { injectHyperparams, setHyperparams, getHyperparams } from './inject-hyperparams';
export type { InjectHyperparamsState } from './inject-hyperparams';
export { boldDriver } from './transforms/bold-driver';
export type { BoldDriverOptions, BoldDriverState } from './transforms/bold-driver';

// Full-batch and second-order methods
export { zoomLinesearch } from './second-order/zoom-linesearch';
export type { ZoomLinesearchOptions, ZoomLinesearchState } from './second-order/zoom-linesearch';
export { backtrackingLinesearch } from './second-order/backtracking-linesearch';
export type { BacktrackingLinesearchOptions, BacktrackingLinesearchState } from './second-order/backtracking-linesearch';
export { scaleByLbfgs } from './second-order/scale-by-lbfgs';
export type { ScaleByLbfgsOptions, ScaleByLbfgsState } from './second-order/scale-by-lbfgs';
export { lbfgs } from './second-order/lbfgs';
export type { LbfgsOptions, LbfgsState } from './second-order/lbfgs';
export { scaleByConjugateGradient } from './second-order/scale-by-conjugate-gradient';
export type { ConjugateGradientMethod, ScaleByConjugateGradientOptions, ScaleByConjugateGradientState } from './second-order/scale-by-conjugate-gradient';
export { conjugateGradient } from './second-order/conjugate-gradient';
export type { ConjugateGradientOptions, ConjugateGradientState } from './second-order/conjugate-gradient';
export { scaleByBfgs } from './second-order/scale-by-bfgs';
export type { ScaleByBfgsState } from './second-order/scale-by-bfgs';
export { bfgs } from './second-order/bfgs';
export type { BfgsState } from './second-order/bfgs';
export { hessianVectorProduct, hessian } from './second-order/hessian';
export { newton } from './second-order/newton';
export type { NewtonOptions, NewtonState } from './second-order/newton';
export { gaussNewtonVectorProduct } from './second-order/gauss-newton-vector-product';
export { hessianFree } from './second-order/hessian-free';
export type { HessianFreeOptions, HessianFreeState } from './second-order/hessian-free';
