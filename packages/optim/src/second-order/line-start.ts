import type { Params, UpdateContext } from '@nn/tensor';
import { type LossAndGrad, toFlat } from './flat';

/** Loss and gradient at the point a line search accepted, kept so that the next search starts there free. */
export interface LineSearchMemo {
  /** The accepted point's elements, as the params hold them. */
  readonly x: number[];
  readonly loss: number;
  readonly grad: number[];
}

/**
 * f and ∇f at the line's start x. A line search sees the direction, not the gradient, so it either
 * reuses what it computed when it accepted the previous point (when `x` is that point and `ctx.loss`
 * is that loss, so the same function: a mini-batch changes the loss) or evaluates `lossAndGrad`.
 */
export function lineStart(
  memo: LineSearchMemo | null,
  x: readonly number[],
  params: Params,
  ctx: UpdateContext | undefined,
  lossAndGrad: LossAndGrad,
): { loss: number; grad: number[] } {
  if (memo !== null && ctx?.loss === memo.loss && memo.x.length === x.length && memo.x.every((v, i) => v === x[i])) {
    return { loss: memo.loss, grad: memo.grad };
  }
  const { loss, grads } = lossAndGrad(params);
  return { loss, grad: toFlat(grads) };
}
