import type { Shape } from '../../shape';
import { stridesOf } from '../../shape';

/** Strides of `shape` read as if broadcast to `outShape`: 0 along every broadcast axis. */
export function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const own = stridesOf(shape);
  const lead = outShape.length - shape.length;
  return outShape.map((_, i) => (i < lead || shape[i - lead] === 1 ? 0 : own[i - lead]));
}

/**
 * Splits `outShape` into rows along its last axis and gives, for every operand, the element offset at
 * the start of each row and the stride along the row. Kernels then run one tight loop per row.
 */
export interface RowPlan {
  readonly rows: number;
  readonly rowLength: number;
  readonly starts: Int32Array[];
  readonly steps: number[];
}

export function planRows(outShape: Shape, operandShapes: readonly Shape[]): RowPlan {
  const rank = outShape.length;
  const strides = operandShapes.map((s) => broadcastStrides(s, outShape));
  const rowLength = rank === 0 ? 1 : outShape[rank - 1];
  let rows = 1;
  for (let i = 0; i < rank - 1; i++) rows *= outShape[i];
  if (rowLength === 0) rows = 0;
  const starts = strides.map(() => new Int32Array(rows));
  const counter = new Array<number>(Math.max(0, rank - 1)).fill(0);
  const offsets = strides.map(() => 0);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < strides.length; k++) starts[k][r] = offsets[k];
    // odometer over the leading axes, last leading axis fastest
    for (let axis = rank - 2; axis >= 0; axis--) {
      counter[axis]++;
      for (let k = 0; k < strides.length; k++) offsets[k] += strides[k][axis];
      if (counter[axis] < outShape[axis]) break;
      for (let k = 0; k < strides.length; k++) offsets[k] -= strides[k][axis] * outShape[axis];
      counter[axis] = 0;
    }
  }
  const steps = strides.map((s) => (rank === 0 ? 0 : s[rank - 1]));
  return { rows, rowLength, starts, steps };
}
