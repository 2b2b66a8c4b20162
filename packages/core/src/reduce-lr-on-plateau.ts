import { getHyperparams, setHyperparams } from '@nn/optim';
import { type EpochLogs, type FitControl, type TrainingCallback, ValueError } from '@nn/tensor';

export interface ReduceLrOnPlateauOptions {
  /** The logged figure to watch: 'valLoss' (default), 'loss', a metric name, or 'val_' + a metric name. */
  readonly monitor?: string;
  /** The factor in (0, 1) that multiplies the rate at each reduction. Default 0.1. */
  readonly factor?: number;
  /** Epochs without improvement before a reduction (an integer ≥ 0). Default 10. */
  readonly patience?: number;
  /** An epoch improves on the best only by more than this (absolute, ≥ 0). Default 1e-4. */
  readonly minDelta?: number;
  /** Epochs after a reduction during which no epoch counts as without improvement. Default 0. */
  readonly cooldown?: number;
  /** The rate never goes below this (≥ 0). Default 0. */
  readonly minLr?: number;
  /** 'min' for losses, 'max' for accuracies; 'auto' (default) picks 'max' for names like accuracy, AUC, F1. */
  readonly mode?: 'min' | 'max' | 'auto';
  /** The injected hyper-parameter to reduce. Default 'learningRate'. */
  readonly hyperparam?: string;
}

/** One reduction: after which epoch (from 1), and the rate before and after. */
export interface LrReduction {
  readonly epoch: number;
  readonly from: number;
  readonly to: number;
}

/** The callback, with the reductions it made in the last run. */
export interface ReduceLrOnPlateau extends TrainingCallback {
  readonly reductions: readonly LrReduction[];
}

/**
 * Divides the learning rate when the monitored figure stops improving, Keras's ReduceLROnPlateau: after
 * every epoch, an epoch improves when it beats the best so far by more than `minDelta`; after
 * `patience` epochs in a row without improvement, η ← max(factor·η, minLr) (if η > minLr), then
 * `cooldown` epochs pass before epochs count as without improvement again. The rate is a
 * hyper-parameter kept in the optimizer state, so make the optimizer with `injectHyperparams`:
 * ```ts
 * const optimizer = injectHyperparams((h) => sgd(h.learningRate, { momentum: 0.9 }), { learningRate: 0.1 });
 * await fit(model, data, { optimizer, loss, validationSplit: 0.2, callbacks: [reduceLrOnPlateau({ patience: 5 })] });
 * ```
 * It reaches the state through `control.optimizerState`, so the momentum and the rest carry on.
 *
 * Where PyTorch's `ReduceLROnPlateau` differs: it reduces after patience + 1 epochs without improvement
 * (Keras, and this, after `patience`), its default threshold is relative (best·(1 − 10⁻⁴)) where
 * `minDelta` is absolute, and it skips reductions smaller than 1e-8.
 * @see Keras `keras.callbacks.ReduceLROnPlateau`.
 */
export function reduceLrOnPlateau({
  monitor = 'valLoss',
  factor = 0.1,
  patience = 10,
  minDelta = 1e-4,
  cooldown = 0,
  minLr = 0,
  mode = 'auto',
  hyperparam = 'learningRate',
}: ReduceLrOnPlateauOptions = {}): ReduceLrOnPlateau {
  const op = 'reduceLrOnPlateau';
  if (typeof monitor !== 'string' || monitor === '') throw new ValueError(op, `monitor must name a logged figure, got ${JSON.stringify(monitor)}`);
  if (typeof factor !== 'number' || !(factor > 0 && factor < 1)) throw new ValueError(op, `factor must be a number in (0, 1), got ${String(factor)}`);
  checkCount(op, 'patience', patience);
  checkCount(op, 'cooldown', cooldown);
  if (typeof minDelta !== 'number' || !Number.isFinite(minDelta) || minDelta < 0) throw new ValueError(op, `minDelta must be a finite number ≥ 0, got ${String(minDelta)}`);
  if (typeof minLr !== 'number' || !Number.isFinite(minLr) || minLr < 0) throw new ValueError(op, `minLr must be a finite number ≥ 0, got ${String(minLr)}`);
  if (mode !== 'min' && mode !== 'max' && mode !== 'auto') throw new ValueError(op, `mode must be 'min', 'max' or 'auto', got ${JSON.stringify(mode)}`);
  const sign = (mode === 'auto' ? (/acc|auc|precision|recall|f1|r2/i.test(monitor) ? 'max' : 'min') : mode) === 'max' ? -1 : 1;

  let best = Number.POSITIVE_INFINITY; // of sign·value
  let wait = 0;
  let cooldownLeft = 0;
  const reductions: LrReduction[] = [];
  const rateIn = (control: FitControl): number => {
    if (!('optimizerState' in control)) throw new ValueError(op, 'the training loop does not offer control.optimizerState (fit does)');
    const rate = getHyperparams(control.optimizerState)[hyperparam];
    if (rate === undefined) {
      throw new ValueError(op, `the optimizer state holds no hyper-parameter '${hyperparam}'; make the optimizer with injectHyperparams, ` +
        `e.g. injectHyperparams((h) => sgd(h.${hyperparam}), { ${hyperparam}: 0.1 })`);
    }
    return rate;
  };
  return {
    reductions,
    onTrainBegin(_info, control) {
      rateIn(control);
      best = Number.POSITIVE_INFINITY;
      wait = 0;
      cooldownLeft = 0;
      reductions.length = 0;
    },
    onEpochEnd(logs, control) {
      const value = sign * monitoredValue(op, logs, monitor);
      if (cooldownLeft > 0) {
        cooldownLeft--;
        wait = 0;
      }
      if (value < best - minDelta) {
        best = value;
        wait = 0;
        return;
      }
      if (cooldownLeft > 0) return;
      wait++;
      if (wait < patience) return;
      const rate = rateIn(control);
      if (rate > minLr) {
        const next = Math.max(rate * factor, minLr);
        control.optimizerState = setHyperparams(control.optimizerState, { [hyperparam]: next });
        reductions.push({ epoch: logs.epoch, from: rate, to: next });
        cooldownLeft = cooldown;
        wait = 0;
      }
    },
  };
}

function checkCount(op: string, name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new ValueError(op, `${name} must be an integer ≥ 0, got ${String(value)}`);
}

/** The figure `monitor` names in one epoch's logs ('loss', 'valLoss' or 'val_loss', a metric, 'val_' + a metric). */
function monitoredValue(op: string, logs: EpochLogs, monitor: string): number {
  let value: number | undefined;
  if (monitor === 'loss') value = logs.loss;
  else if (monitor === 'valLoss' || monitor === 'val_loss') value = logs.valLoss;
  else if (monitor.startsWith('val_')) value = logs.valMetrics?.[monitor.slice(4)];
  else value = logs.metrics[monitor];
  if (value === undefined) {
    const logged = ['loss', ...Object.keys(logs.metrics), ...(logs.valLoss === undefined ? [] : ['valLoss']), ...Object.keys(logs.valMetrics ?? {}).map((m) => `val_${m}`)];
    const hint = monitor.startsWith('val') && logs.valLoss === undefined ? ' (give fit validationData or validationSplit)' : '';
    throw new ValueError(op, `monitor '${monitor}' is not in the epoch's logs, which have ${logged.join(', ')}${hint}`);
  }
  return value;
}
