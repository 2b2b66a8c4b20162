import { ValueError } from '@nn/tensor';
import type { Dataset } from '../dataset';
import { type SyntheticOptions, classSize, finiteNumber, labelled, syntheticOptions } from './synthetic';

export interface ConcentricCirclesOptions extends SyntheticOptions {
  /** Radius of the inner circle (class 1) relative to the outer one (class 0, radius 1), in (0, 1). Default 0.5. */
  readonly factor?: number;
  /** σ of Gaussian noise added to each coordinate. Default 0. */
  readonly noise?: number;
}

/**
 * Two concentric circles: class 0 on the unit circle, class 1 on the circle of radius `factor`, each
 * at uniform random angles, plus Gaussian noise. Not linearly separable, but separable by the
 * feature x₁² + x₂² (or by one hidden layer).
 */
export function concentricCircles(options: ConcentricCirclesOptions): Dataset {
  const op = 'concentricCircles';
  const { n, rng, dtype } = syntheticOptions(op, options);
  const { factor = 0.5, noise = 0 } = options;
  if (!(factor > 0 && factor < 1)) throw new ValueError(op, `factor must be in (0, 1), got ${factor}`);
  finiteNumber(op, 'noise', noise, { min: 0 });
  const x = new Float64Array(2 * n);
  const y = new Int32Array(n);
  let i = 0;
  for (const c of [0, 1]) {
    const r = c === 0 ? 1 : factor;
    for (let m = classSize(n, 2, c); m > 0; m--, i++) {
      const phi = rng.uniformRange(0, 2 * Math.PI);
      x[2 * i] = r * Math.cos(phi) + (noise > 0 ? rng.normal(0, noise) : 0);
      x[2 * i + 1] = r * Math.sin(phi) + (noise > 0 ? rng.normal(0, noise) : 0);
      y[i] = c;
    }
  }
  return labelled(x, y, 2, dtype);
}
