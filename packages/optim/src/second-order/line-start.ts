import type { Params, UpdateContext } from '@nn/tensor';
import { type LossAndGrad, dot, requireLossAndGrad, requireParams, toFlat } from './flat';

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

/**
 * What every line search needs before its first trial: the loss function, the params and the
 * direction d as flat vectors, f and ∇f at the start, and the slope ∇f·d (negative for a descent
 * direction), with the checks that name `op` when the context or the params are missing.
 */
export function beginLine(op: string, direction: Params, memo: LineSearchMemo | null, params: Params | undefined, ctx: UpdateContext | undefined) {
  const lossAndGrad = requireLossAndGrad(op, ctx);
  const p = requireParams(op, params);
  const x = toFlat(p);
  const d = toFlat(direction);
  const start = lineStart(memo, x, p, ctx, lossAndGrad);
  return { lossAndGrad, p, x, d, start, gtd: dot(start.grad, d) };
}
