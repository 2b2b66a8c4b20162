import type { Tensor } from '../tensor';

/** A tree of tensors: what layers hold, what autodiff differentiates and what optimizers update. */
export type Params = Tensor | readonly Params[] | { readonly [key: string]: Params };
