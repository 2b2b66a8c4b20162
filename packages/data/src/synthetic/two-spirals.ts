import type { Dataset } from '../dataset';
import { type SyntheticOptions, classSize, finiteNumber, labelled, syntheticOptions } from './synthetic';

export interface TwoSpiralsOptions extends SyntheticOptions {
  /** How many times each spiral winds around the origin. Default 1.5. */
  readonly turns?: number;
  /** σ of Gaussian noise added to each coordinate. Default 0. */
  readonly noise?: number;
}

/**
 * Two interleaved spirals (Lang & Witbrock's benchmark): a point at t ∈ [0, 1] (uniform) of class 0 lies
 * at radius t and angle 2π·turns·t, (t cos φ, t sin φ); class 1 is the same spiral turned by π
 * (the point reflected through the origin). Inputs lie in [−1, 1]²; hard for a single hidden layer.
 * @see K. J. Lang, M. J. Witbrock, "Learning to tell two spirals apart", Connectionist Models Summer School, 1988
 */
export function twoSpirals(options: TwoSpiralsOptions): Dataset {
  const op = 'twoSpirals';
  const { n, rng, dtype } = syntheticOptions(op, options);
  const { turns = 1.5, noise = 0 } = options;
  finiteNumber(op, 'turns', turns, { min: 0, exclusive: true });
  finiteNumber(op, 'noise', noise, { min: 0 });
  const x = new Float64Array(2 * n);
  const y = new Int32Array(n);
  let i = 0;
  for (const c of [0, 1]) {
    const sign = c === 0 ? 1 : -1;
    for (let m = classSize(n, 2, c); m > 0; m--, i++) {
      const t = rng.uniform();
      const phi = 2 * Math.PI * turns * t;
      x[2 * i] = sign * t * Math.cos(phi) + (noise > 0 ? rng.normal(0, noise) : 0);
      x[2 * i + 1] = sign * t * Math.sin(phi) + (noise > 0 ? rng.normal(0, noise) : 0);
      y[i] = c;
    }
  }
  return labelled(x, y, 2, dtype);
}
