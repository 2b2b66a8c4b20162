import { ValueError } from '@nn/tensor';
import type { Dataset } from '../dataset';
import { type SyntheticOptions, classSize, finiteNumber, labelled, syntheticOptions } from './synthetic';

export interface DoubleMoonOptions extends SyntheticOptions {
  /** Radius r of each moon's centre line. Default 10. */
  readonly radius?: number;
  /** Width w of each moon (its points lie at r ± w/2 from its centre). Default 6. */
  readonly width?: number;
  /** Vertical distance d between the moons; negative overlaps them (no longer linearly separable). Default 1. */
  readonly distance?: number;
}

/**
 * Haykin's double moon: class 0, the upper moon, centred at (0, 0) — angle θ ∈ [0, π], radius
 * ρ ∈ [r − w/2, r + w/2], both uniform — and class 1, the lower moon, centred at (r, −d), θ ∈ [π, 2π];
 * points (ρ cos θ, ρ sin θ) + centre. d > 0 keeps the classes linearly separable, d < 0 does not.
 * @see S. Haykin, "Neural Networks and Learning Machines", 3rd ed., 2009, §1.5 (Fig. 1.8)
 */
export function doubleMoon(options: DoubleMoonOptions): Dataset {
  const op = 'doubleMoon';
  const { n, rng, dtype } = syntheticOptions(op, options);
  const { radius = 10, width = 6, distance = 1 } = options;
  finiteNumber(op, 'radius', radius, { min: 0, exclusive: true });
  finiteNumber(op, 'width', width, { min: 0 });
  finiteNumber(op, 'distance', distance);
  if (width > 2 * radius) throw new ValueError(op, `width ${width} exceeds 2·radius = ${2 * radius}: the moons' inner edge would pass the centre`);
  const x = new Float64Array(2 * n);
  const y = new Int32Array(n);
  let i = 0;
  for (const c of [0, 1]) {
    for (let m = classSize(n, 2, c); m > 0; m--, i++) {
      const theta = rng.uniformRange(0, Math.PI) + c * Math.PI;
      const rho = rng.uniformRange(radius - width / 2, radius + width / 2);
      x[2 * i] = rho * Math.cos(theta) + c * radius;
      x[2 * i + 1] = rho * Math.sin(theta) - c * distance;
      y[i] = c;
    }
  }
  return labelled(x, y, 2, dtype);
}
