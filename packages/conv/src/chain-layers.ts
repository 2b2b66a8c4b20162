import type { ForwardContext, Tensor } from '@nn/tensor';

/** Anything with a forward pass: a Layer, or a bare function such as an activation. */
export type Stage = { forward(x: Tensor, ctx?: ForwardContext): Tensor } | ((x: Tensor) => Tensor);

/** x ↦ fₙ(… f₂(f₁(x))): the stages' forward passes in turn, each layer given the same context. */
export function chainLayers(stages: readonly Stage[]): (x: Tensor, ctx?: ForwardContext) => Tensor {
  return (x, ctx) => stages.reduce((h, s) => (typeof s === 'function' ? s(h) : s.forward(h, ctx)), x);
}
