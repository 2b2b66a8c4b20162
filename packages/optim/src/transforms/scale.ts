import { type GradientTransformation, ValueError, mapTree, mul } from '@nn/tensor';

/** No state. */
export type ScaleState = { readonly [key: string]: never };

/** u = c·g for a fixed factor c (`scale(-1)` turns a step into a descent direction). */
export function scale(factor: number): GradientTransformation<ScaleState> {
  if (typeof factor !== 'number' || !Number.isFinite(factor)) {
    throw new ValueError('scale', `factor must be a finite number, got ${String(factor)}`);
  }
  return {
    retainsOnlyState: true,
    init: () => ({}),
    update: (grads, state) => [mapTree((g) => mul(g, factor), grads), state],
    sameOpsEveryStep: true,
  };
}
