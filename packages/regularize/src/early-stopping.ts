import { type EpochLogs, type Params, type TrainingCallback, ValueError, mapTree } from '@nn/tensor';
import { replaceLeaves } from './ensemble-leaves';

export interface EarlyStoppingOptions {
  /**
   * The logged figure to watch: 'valLoss' (default), 'loss', a training metric by its name
   * ('accuracy') or a validation metric as 'val_<name>' ('val_accuracy'); 'val_loss' means 'valLoss'.
   */
  readonly monitor?: string;
  /** Whether smaller or larger is better; 'auto' (default) picks 'max' for accuracy-like names, else 'min'. */
  readonly mode?: 'min' | 'max' | 'auto';
  /** Epochs without improvement to wait before stopping. Default 0 (stop at the first epoch that does not improve), as Keras. */
  readonly patience?: number;
  /** An epoch improves only when it beats the best by more than this (≥ 0). Default 0. */
  readonly minDelta?: number;
  /**
   * Put back the best epoch's weights when training ends, whether by patience or by running out of
   * epochs. Default true (Keras defaults to false and restores only when it stops early: tfjs#8488).
   */
  readonly restoreBestWeights?: boolean;
}

/** An early-stopping callback also tells where the best epoch was, once training has run. */
export interface EarlyStoppingCallback extends TrainingCallback {
  /** The best epoch (counted from 1) and its monitored value; undefined before the first epoch ends. */
  readonly best: { readonly epoch: number; readonly value: number } | undefined;
  /** The epoch after which it stopped training, or undefined when training ran all its epochs. */
  readonly stoppedEpoch: number | undefined;
}

/**
 * Early stopping: after every epoch, compare the monitored figure with the best so far; stop when it
 * has not improved by more than `minDelta` for `patience + 1` epochs in a row (`patience` epochs of
 * grace), and at the end of training put back the weights of the best epoch. The course's cheapest
 * regularizer: a network starts small (small weights, nearly linear) and grows its capacity while it
 * trains, so stopping when the validation error turns up chooses the capacity by validation.
 * The best weights are kept as references to the (immutable) weight tensors of that epoch, so keeping
 * them costs one model's worth of memory and no copying.
 * @see Prechelt (1998), "Early stopping — but when?", in Neural Networks: Tricks of the Trade.
 * @see Morgan & Bourlard (1990), "Generalization and parameter estimation in feedforward nets".
 */
export function earlyStopping({
  monitor = 'valLoss',
  mode = 'auto',
  patience = 0,
  minDelta = 0,
  restoreBestWeights = true,
}: EarlyStoppingOptions = {}): EarlyStoppingCallback {
  const op = 'earlyStopping';
  if (typeof monitor !== 'string' || monitor === '') throw new ValueError(op, `monitor must name a logged figure, got ${JSON.stringify(monitor)}`);
  if (mode !== 'min' && mode !== 'max' && mode !== 'auto') throw new ValueError(op, `mode must be 'min', 'max' or 'auto', got ${JSON.stringify(mode)}`);
  if (!Number.isInteger(patience) || patience < 0) throw new ValueError(op, `patience must be an integer ≥ 0, got ${patience}`);
  if (typeof minDelta !== 'number' || !(minDelta >= 0) || !Number.isFinite(minDelta)) throw new ValueError(op, `minDelta must be a finite number ≥ 0, got ${minDelta}`);
  const sign = (mode === 'auto' ? autoMode(monitor) : mode) === 'max' ? -1 : 1;

  let best: { epoch: number; value: number } | undefined;
  let bestWeights: Params | undefined;
  let wait = 0;
  let stoppedEpoch: number | undefined;
  return {
    get best() {
      return best === undefined ? undefined : { ...best };
    },
    get stoppedEpoch() {
      return stoppedEpoch;
    },
    onTrainBegin() {
      best = undefined;
      bestWeights = undefined;
      wait = 0;
      stoppedEpoch = undefined;
    },
    onEpochEnd(logs, control) {
      const value = monitoredValue(op, logs, monitor);
      // NOTE: a NaN never improves; comparing signed values makes 'max' the same test as 'min'.
      if (best === undefined || sign * value < sign * best.value - minDelta) {
        best = { epoch: logs.epoch, value };
        // The leaves are immutable tensors that the next update replaces rather than changes.
        if (restoreBestWeights) bestWeights = mapTree((t) => t, control.model.params);
        wait = 0;
        return;
      }
      wait++;
      if (wait > patience) {
        stoppedEpoch = logs.epoch;
        control.stop(`early stopping: ${monitor} has not improved on ${best.value.toPrecision(4)} (epoch ${best.epoch}) for ${wait} epoch${wait === 1 ? '' : 's'}`);
      }
    },
    onTrainEnd(_history, control) {
      if (restoreBestWeights && bestWeights !== undefined) replaceLeaves(op, control.model.params, bestWeights);
    },
  };
}

/** 'max' for names that grow with quality (accuracy, AUC, precision, recall, F1, R²), else 'min'. */
function autoMode(monitor: string): 'min' | 'max' {
  return /acc|auc|precision|recall|f1|fmeasure|r2/i.test(monitor) ? 'max' : 'min';
}

/**
 * The figure `monitor` names in one epoch's logs: 'loss', 'valLoss' (or 'val_loss'), a training
 * metric by name, or 'val_<name>' for a validation metric. Throws a ValueError listing what was
 * logged when it is not there, so a misspelt name or a missing validation set fails at the first epoch.
 */
export function monitoredValue(op: string, logs: EpochLogs, monitor: string): number {
  let value: number | undefined;
  if (monitor === 'loss') value = logs.loss;
  else if (monitor === 'valLoss' || monitor === 'val_loss') value = logs.valLoss;
  else if (monitor.startsWith('val_')) value = logs.valMetrics?.[monitor.slice(4)];
  else value = logs.metrics[monitor];
  if (typeof value !== 'number') {
    const logged = [
      'loss',
      ...Object.keys(logs.metrics),
      ...(logs.valLoss === undefined ? [] : ['valLoss']),
      ...Object.keys(logs.valMetrics ?? {}).map((k) => `val_${k}`),
    ];
    const hint = monitor.startsWith('val') && logs.valLoss === undefined ? ' (give fit validationData or validationSplit)' : '';
    throw new ValueError(op, `monitor '${monitor}' is not in the epoch's logs, which have ${logged.join(', ')}${hint}`);
  }
  return value;
}
