// Layers
export { dense } from './dense';
export type { DenseOptions, DenseParams } from './dense';
export { sequential } from './sequential';
export type { SequentialLayer, SequentialParams } from './sequential';
export { activation } from './activation';
export type { ActivationParams } from './activation';

// Recurrent layers
export { simpleRnn } from './recurrent/simple-rnn';
export type { SimpleRnnParams, SimpleRnnState } from './recurrent/simple-rnn';
export { lstm } from './recurrent/lstm';
export type { LstmOptions, LstmParams, LstmState } from './recurrent/lstm';
export { gru } from './recurrent/gru';
export type { GruParams, GruState } from './recurrent/gru';
export { bidirectional } from './recurrent/bidirectional';
export type { BidirectionalLayer, BidirectionalOptions, BidirectionalParams, BidirectionalState } from './recurrent/bidirectional';
export { sequenceMask } from './recurrent/sequence-mask';
export type { RecurrentLayer, RecurrentRun, RecurrentRunOptions, RecurrentState, SequenceContext } from './recurrent/recurrent-layer';
export type { RecurrentOptions } from './recurrent/recurrent-options';
export { recurrentLayerBuilders } from './recurrent/recurrent-builders';

// Serialization: kind + config ⇄ layer
export { describeLayer } from './describe-layer';
export type { LayerDescription } from './describe-layer';
export { buildLayer } from './build-layer';
export type { BuildContext, BuildLayerOptions, LayerBuilder, LayerBuilders } from './build-layer';
export { layerBuilders } from './layer-builders';

// Neuron models
export type { Activation, ActivationFactory } from './activations/activation';
export { activations } from './activations/activations';
export type { ActivationFactories, ActivationName } from './activations/activations';
export { step, stepActivation } from './activations/step';
export { linear, linearActivation } from './activations/linear';
export { logistic, logisticActivation } from './activations/logistic';
export { tanhActivation } from './activations/tanh';
export { lecunTanh, lecunTanhActivation } from './activations/lecun-tanh';
export { twistedTanh, twistedTanhActivation } from './activations/twisted-tanh';
export type { TwistedTanhOptions } from './activations/twisted-tanh';
export { reluActivation } from './activations/relu';
export { leakyRelu, leakyReluActivation } from './activations/leaky-relu';
export type { LeakyReluOptions } from './activations/leaky-relu';
export { softplusActivation } from './activations/softplus';
export { softmaxActivation } from './activations/softmax';

// Initializers
export type { Initializer, InitializerDescription, InitializerOptions } from './initializers/initializer';
export { describedInitializer } from './initializers/initializer';
export { initializers, describeInitializer, buildInitializer } from './initializers/initializers';
export type { InitializerFactory, InitializerFactories } from './initializers/initializers';
export { computeFans } from './initializers/compute-fans';
export type { Fans } from './initializers/compute-fans';
export { smallUniform } from './initializers/small-uniform';
export type { SmallUniformOptions } from './initializers/small-uniform';
export { smallNormal } from './initializers/small-normal';
export type { SmallNormalOptions } from './initializers/small-normal';
export { lecunUniform } from './initializers/lecun-uniform';
export { lecunNormal } from './initializers/lecun-normal';
export { glorotUniform } from './initializers/glorot-uniform';
export { heNormal } from './initializers/he-normal';
export { zerosInit } from './initializers/zeros-init';
export { constantInit } from './initializers/constant-init';
