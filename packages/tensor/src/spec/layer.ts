import type { Rng } from '../random/rng';
import type { Tensor } from '../tensor';
import type { Json } from './json';
import type { Params } from './params';

/** What a forward pass may need besides its input. */
export interface ForwardContext {
  /** True while training: dropout and noise act; false (the default) at inference. */
  readonly training?: boolean;
  /** The generator for dropout masks and noise, so training runs repeat exactly. */
  readonly rng?: Rng;
}

/**
 * A layer is a plain object: `kind` + `config` + the weights in `params` are enough to save and
 * rebuild it (no class registry). `forward` reads `params` at call time, so replacing a leaf of
 * `params` (as `applyUpdates` does) changes the layer.
 */
export interface Layer<P extends Params = Params> {
  readonly kind: string;
  readonly config: { readonly [key: string]: Json };
  readonly params: P;
  forward(x: Tensor, ctx?: ForwardContext): Tensor;
}
