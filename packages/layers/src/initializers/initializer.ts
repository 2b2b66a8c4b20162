import type { FloatDType, Json, Rng, Shape, Tensor } from '@nn/tensor';

/** What every initializer accepts besides the shape. */
export interface InitializerOptions {
  /** The generator to draw from (`createRng(seed)`); default: @nn/tensor's process-wide one, seeded with 0. */
  readonly rng?: Rng;
  /** Default 'float32'. */
  readonly dtype?: FloatDType;
}

/** The name (a key of `initializers`) and config that rebuild an initializer (a type, not an interface, so that it is `Json`). */
export type InitializerDescription = {
  readonly name: string;
  readonly config: { readonly [key: string]: Json };
};

/**
 * `(shape, { rng, dtype }) → Tensor`: a fresh tensor of starting values. The built-in ones carry a
 * `description`, so a layer that uses one can say which in its config; a hand-written function
 * without one works everywhere but is recorded as `null` (rebuilt with the layer's default).
 */
export interface Initializer {
  (shape: Shape, options?: InitializerOptions): Tensor;
  readonly description?: InitializerDescription;
}

/** `fn`, labelled with the name and config that `initializers[name](config)` rebuilds it from. */
export function describedInitializer(
  name: string,
  config: { readonly [key: string]: Json },
  fn: (shape: Shape, options?: InitializerOptions) => Tensor,
): Initializer {
  return Object.assign(fn, { description: { name, config } });
}
