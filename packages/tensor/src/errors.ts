/** Base class of every error @nn throws on bad input; `op` names the operation that refused it. */
export class NnError extends Error {
  constructor(
    readonly op: string,
    message: string,
  ) {
    super(`${op}: ${message}`);
    this.name = new.target.name;
  }
}

/** A shape, rank or axis that does not fit: `matmul: inner dimensions differ: [2,3] x [4,5]`. */
export class ShapeError extends NnError {}

/** A dtype that the op does not accept, or two dtypes that do not match (nothing is cast silently). */
export class DTypeError extends NnError {}

/** A value out of its allowed range: a label ≥ the class count, a negative size, a NaN where none may be. */
export class ValueError extends NnError {}

/** A tensor used after `dispose()` or after the `tidy` scope it was made in ended. */
export class DisposedError extends NnError {}

/** Formats a shape the way messages show it: `[2,3]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}
