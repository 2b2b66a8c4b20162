export { accuracy } from './accuracy';
export { errorCount } from './error-count';
export type { ClassificationOptions } from './classes';
export { confusionMatrix } from './confusion-matrix';
export type { ConfusionMatrix } from './confusion-matrix';
export { formatConfusionMatrix } from './format-confusion-matrix';
export { meanSquaredError } from './mean-squared-error';
export { logLoss } from './log-loss';
export type { LogLossOptions } from './log-loss';
