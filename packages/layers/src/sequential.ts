import type { Layer, Params } from '@nn/tensor';
import { assertLayer, describeLayer } from './describe-layer';

/** The params of a sequential layer: its children's params, in order. */
export type SequentialParams<L extends readonly Layer[]> = { -readonly [K in keyof L]: L[K]['params'] };

/** A sequential layer also keeps its children, for inspection. */
export interface SequentialLayer<L extends readonly Layer[] = readonly Layer[]> extends Layer<SequentialParams<L> & Params> {
  readonly layers: L;
}

/**
 * y = fₙ(… f₂(f₁(x))): the layers applied in turn, each given the same forward context. `params` is
 * the array of the children's own params objects (not copies), so optimizers walk and update them
 * all; `config.layers` holds each child's description.
 */
export function sequential<const L extends readonly Layer[]>(...layers: L): SequentialLayer<L> {
  layers.forEach((l, i) => assertLayer('sequential', l, `argument ${i + 1}`));
  return {
    kind: 'sequential',
    config: { layers: layers.map(describeLayer) },
    params: layers.map((l) => l.params) as unknown as SequentialParams<L> & Params,
    layers,
    forward: (x, ctx) => layers.reduce((h, l) => l.forward(h, ctx), x),
  };
}
