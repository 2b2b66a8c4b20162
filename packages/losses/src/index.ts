export { sumSquaredError } from './sum-squared-error';
export { meanSquaredError } from './mean-squared-error';
export { binaryCrossEntropy } from './binary-cross-entropy';
export { softmaxCrossEntropy } from './softmax-cross-entropy';
export { perceptronCriterion } from './perceptron-criterion';
export { hinge } from './hinge';
export { multiclassHinge } from './multiclass-hinge';
