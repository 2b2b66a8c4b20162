import { runPrimitive } from '../autodiff/run-primitive';
import { ShapeError, formatShape } from '../errors';
import type { Tensor } from '../tensor';
import { assertTensor } from './convert';

/** Surrounds `x` with `value`: paddings[i] = [before, after] for axis i (missing axes: none). */
export function pad(x: Tensor, paddings: readonly (readonly [number, number])[], value = 0): Tensor {
  const op = 'pad';
  assertTensor(op, x);
  if (paddings.length > x.rank || paddings.some((p) => p.length !== 2 || p.some((v) => !Number.isInteger(v) || v < 0))) {
    throw new ShapeError(op, `expected up to ${x.rank} pairs of non-negative integers for ${formatShape(x.shape)}, got ${JSON.stringify(paddings)}`);
  }
  const full = x.shape.map((_, i) => (paddings[i] ?? [0, 0]) as readonly [number, number]);
  if (full.every(([b, a]) => b === 0 && a === 0)) return x;
  const shape = x.shape.map((d, i) => d + full[i][0] + full[i][1]);
  return runPrimitive(op, [x], { paddings: full, value }, shape, x.dtype);
}
