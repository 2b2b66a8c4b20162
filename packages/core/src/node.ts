/**
 * `@nn/core/node`: what runs only on Node — @nn/eval's `workerExecutor`, which runs search trials on
 * worker threads (tinypool). Kept out of the main entry so that a browser bundle never reaches it.
 */
export * from '@nn/eval/node';
