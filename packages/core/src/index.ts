/**
 * @nn/core: one import for the whole toolkit. Every @nn package is re-exported here flat; the
 * training loop (fit, evaluate, predict, save, load) joins it with the feed-forward networks.
 */
export * from '@nn/tensor';
