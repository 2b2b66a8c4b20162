/**
 * `@nn/core/datasets`: the small real tables bundled with @nn/data (Iris, wine, breast cancer, UCI
 * digits 8×8), a separate entry so that a page that does not use them does not carry them.
 */
export * from '@nn/data/datasets';
