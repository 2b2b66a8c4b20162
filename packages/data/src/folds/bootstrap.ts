import { ValueError } from '@nn/tensor';
import type { Rng } from '@nn/tensor';
import type { Dataset } from '../dataset';
import { sampleCount } from './k-fold';

/** One bootstrap resample: the drawn indices (with repeats, in draw order) and those never drawn. */
export interface BootstrapSample {
  /** N indices drawn uniformly with replacement. */
  readonly train: Int32Array;
  /** The out-of-bag samples: every index not in `train`, ascending (about N/e of them). */
  readonly outOfBag: Int32Array;
}

/**
 * A bootstrap resample of N samples: N draws with replacement, each sample left out with
 * probability (1 − 1/N)ᴺ → 1/e ≈ 0.368, so the out-of-bag samples serve as a test set.
 * @see B. Efron, R. Tibshirani, "An Introduction to the Bootstrap", Chapman & Hall, 1993
 */
export function bootstrap(data: Dataset | number, { rng }: { readonly rng: Rng }): BootstrapSample {
  const op = 'bootstrap';
  const n = sampleCount(op, data);
  if (n < 1) throw new ValueError(op, 'needs at least one sample, got 0');
  if (typeof rng?.int !== 'function') throw new ValueError(op, 'needs an rng: pass { rng: createRng(seed) }');
  const train = new Int32Array(n);
  const drawn = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    train[i] = rng.int(n);
    drawn[train[i]] = 1;
  }
  let left = 0;
  for (let i = 0; i < n; i++) left += 1 - drawn[i];
  const outOfBag = new Int32Array(left);
  for (let i = 0, j = 0; i < n; i++) if (!drawn[i]) outOfBag[j++] = i;
  return Object.freeze({ train, outOfBag });
}
