// Functional ops (NCHW)
export { conv2d } from './conv2d';
export type { Conv2dOptions } from './conv2d';
export { maxPool2d } from './max-pool2d';
export { avgPool2d } from './avg-pool2d';
export type { AvgPool2dOptions } from './avg-pool2d';
export type { Pool2dOptions } from './pool2d-options';
export { flatten } from './flatten';
export { convOutputSize } from './geometry';
export type { IntOrPair, Padding } from './geometry';

// Layers
export { conv2dLayer } from './conv2d-layer';
export type { Conv2dLayerOptions, Conv2dParams } from './conv2d-layer';
export { maxPool2dLayer } from './max-pool2d-layer';
export type { MaxPool2dLayerOptions } from './max-pool2d-layer';
export { avgPool2dLayer } from './avg-pool2d-layer';
export type { AvgPool2dLayerOptions } from './avg-pool2d-layer';
export { flattenLayer } from './flatten-layer';
export { lenet5, LENET5_PARAMETER_COUNT } from './lenet5';
export type { DenseWeights, Lenet5Options, Lenet5Params } from './lenet5';

// Serialization: kind + config → layer, to merge with @nn/layers' layerBuilders
export { convLayerBuilders } from './conv-layer-builders';
export type { ConvLayerBuilder, ConvLayerBuilders } from './conv-layer-builders';

// Image filters
export { sharpen, boxBlur, gaussianBlur, sobelX, sobelY, laplacian, emboss } from './image-filters';
export type { FilterOptions } from './image-filters';
export { convolve } from './convolve';
export type { ConvolveOptions } from './convolve';
