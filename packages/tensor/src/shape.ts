import { ShapeError, formatShape } from './errors';

export type Shape = readonly number[];

/** Number of elements: the product of the dimensions (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides: the last axis is contiguous. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Throws unless every dimension is a non-negative integer. */
export function assertValidShape(op: string, shape: Shape): void {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ShapeError(op, `expected a shape of non-negative integers, got ${JSON.stringify(shape)}`);
  }
}

/** NumPy broadcasting: align from the right; each pair of dimensions is equal or one of them is 1. */
export function broadcastShapes(op: string, ...shapes: Shape[]): number[] {
  if (shapes.length === 2) {
    // NOTE: the common cases of a binary op (same shapes, a scalar operand) without the general loop.
    const [a, b] = shapes;
    if (b.length === 0 || shapesEqual(a, b)) return [...a];
    if (a.length === 0) return [...b];
  }
  const rank = Math.max(...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const o = rank - s.length + i;
      const d = s[i];
      if (out[o] === 1) out[o] = d;
      else if (d !== 1 && d !== out[o]) {
        throw new ShapeError(op, `shapes cannot be broadcast together: ${shapes.map(formatShape).join(' and ')}`);
      }
    }
  }
  return out;
}

/** Resolves a possibly negative axis against `rank`, throwing a ShapeError when out of range. */
export function normalizeAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ShapeError(op, `axis ${axis} is out of range for a tensor of rank ${rank}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Axes to reduce: undefined means all; negative axes count from the end; sorted, without repeats. */
export function normalizeAxes(op: string, axes: number | readonly number[] | undefined, rank: number): number[] {
  if (axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : axes;
  const out = list.map((a) => normalizeAxis(op, a, rank));
  if (new Set(out).size !== out.length) throw new ShapeError(op, `axes repeat: ${JSON.stringify(axes)}`);
  return out.sort((a, b) => a - b);
}

/** The shape after reducing `axes`, keeping them as 1 or dropping them. */
export function reducedShape(shape: Shape, axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepDims) out.push(1);
  });
  return out;
}
