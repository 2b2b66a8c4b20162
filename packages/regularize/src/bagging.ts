import { type Layer, type Rng, type Tensor, ShapeError, ValueError, gather } from '@nn/tensor';
import { type EnsembleCombine, type EnsembleLayer, ensemble } from './ensemble';

/** Inputs and targets, one sample per row (the shape of @nn/data's Dataset). */
export interface BaggingData {
  readonly x: Tensor;
  readonly y: Tensor;
}

export interface BaggingOptions {
  /** k, the number of members. */
  readonly models: number;
  /** Draws the resamples; makeModel gets one split from it per member, so a run repeats exactly. */
  readonly rng: Rng;
  /**
   * Trains one fresh member on its resample, in place: `(m, sample) => fit(m, sample, { loss, optimizer, … })`
   * with @nn/core's fit, or any loop of your own. May be async.
   */
  readonly train: (model: Layer, sample: BaggingData, index: number) => unknown;
  /** How the members' predictions are combined. Default 'arithmetic' (classification). */
  readonly combine?: EnsembleCombine;
  /** The rows each member trains on. Default: N draws with replacement from the N rows (a bootstrap sample). */
  readonly resample?: (n: number, rng: Rng) => Int32Array | readonly number[];
}

/**
 * Bootstrap aggregating: k members, each trained on its own bootstrap sample (N rows drawn with
 * replacement from the N training rows, so about 63 % of the rows, some repeated), combined into one
 * `ensemble`. The resamples make the members' errors differ, and averaging cancels some of them; it
 * helps most with high-variance learners such as large networks trained to low training error.
 * @see Breiman (1996), "Bagging predictors".
 */
export async function bagging(
  makeModel: (index: number, rng: Rng) => Layer,
  data: BaggingData,
  { models, rng, train, combine = 'arithmetic', resample = bootstrapRows }: BaggingOptions,
): Promise<EnsembleLayer> {
  const op = 'bagging';
  if (!Number.isInteger(models) || models < 1) throw new ValueError(op, `models must be a positive integer, got ${models}`);
  if (typeof rng?.int !== 'function') throw new ValueError(op, 'rng must be a generator from createRng(seed)');
  if (typeof train !== 'function') throw new ValueError(op, 'train must be a function (model, sample, index) that trains the model in place');
  const n = data.x.shape[0];
  if (data.y.shape[0] !== n) throw new ShapeError(op, `x has ${n} samples but y has ${data.y.shape[0]}`);
  if (n === 0) throw new ValueError(op, 'the training set is empty');
  const members: Layer[] = [];
  for (let i = 0; i < models; i++) {
    const rows = Int32Array.from(resample(n, rng));
    const model = makeModel(i, rng.split());
    await train(model, { x: gather(data.x, rows, 0), y: gather(data.y, rows, 0) }, i);
    members.push(model);
  }
  return ensemble(members, { combine });
}

/** N row indices drawn uniformly with replacement from 0 … N − 1. */
function bootstrapRows(n: number, rng: Rng): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = rng.int(n);
  return rows;
}
