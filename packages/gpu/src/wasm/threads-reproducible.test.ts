import { afterAll, describe, expect, it } from 'vitest';
import {
  type Tensor, add, argmax, concat, createRng, fromTypedArray, gather, gatherMatmul, getBackend, matmul, mean, noGrad, ones, randn, relu, reshape,
  setBackend, softmax, sub, mul, sum, tidy, valueAndGrad, keep, log,
} from '@nn/tensor';
import { createWasmBackend } from './create-wasm-backend';
import { SMALL_CONV, smallConvIm2col } from './conv-fixture';
import { THREADED_MIN_MACS } from './matmul';

// A small convolutional network trained for a few SGD steps, built from the primitives @nn/conv's
// conv2d and maxPool2d use (gatherMatmul for im2col + GEMM; gather, argmax and gather of the picks for
// 2 × 2 max-pooling), so that training runs every kernel of LeNet-5's step, split between threads where
// the products are large enough.
const { N, C, H, K, P } = SMALL_CONV;
const im2col = smallConvIm2col;

/** Max-pooling 2×2 by picks (the first maximum of each window gets the whole gradient), as maxPool2d traces it. */
function maxPool(y: Tensor): Tensor {
  const windows = new Int32Array(36 * 4);
  for (let oy = 0; oy < 6; oy++) for (let ox = 0; ox < 6; ox++) for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) windows[(oy * 6 + ox) * 4 + i * 2 + j] = (oy * 2 + i) * 12 + ox * 2 + j;
  const planes = reshape(y, [N * C, P]);
  const winner = noGrad(() => argmax(gather(planes, fromTypedArray(windows, [36, 4], 'int32'), 1), -1)).dataSync();
  const picks = new Int32Array(N * C * 36);
  for (let p = 0, at = 0; p < N * C; p++) for (let l = 0; l < 36; l++, at++) picks[at] = p * P + windows[l * 4 + winner[at]];
  return reshape(gather(reshape(y, [N * C * P]), fromTypedArray(picks, [picks.length], 'int32'), 0), [N, C * 36]);
}

/** The weights after `steps` SGD steps from the same seed, as host arrays. */
function train(steps: number): Float32Array[] {
  const rng = createRng(5);
  const x = concat([randn([N, H * H], { rng }), ones([N, 1])], 1);
  const labels = fromTypedArray(Int32Array.from({ length: N }, (_, i) => (i * 7) % 10), [N], 'int32');
  const target = noGrad(() => reshape(gather(fromTypedArray(new Float32Array(100).map((_, i) => (i % 11 === 0 ? 1 : 0)), [10, 10]), labels, 0), [N, 10]));
  let params = { w: randn([C, K + 1], { rng, std: 0.3 }), v: randn([C * 36, 10], { rng, std: 0.05 }) };
  const idx = im2col();
  for (let s = 0; s < steps; s++) {
    params = tidy(() => {
      const { grads } = valueAndGrad((p) => {
        const logits = matmul(relu(maxPool(gatherMatmul(p.w, x, idx))), p.v);
        return mean(sum(mul(target, log(softmax(logits, -1))), -1));
      }, params);
      return { w: keep(sub(params.w, mul(grads.w, 0.1))), v: keep(add(params.v, mul(grads.v, -0.1))) };
    });
  }
  return [params.w.dataSync() as Float32Array, params.v.dataSync() as Float32Array];
}

const one = await createWasmBackend({ threads: 1 });
const two = await createWasmBackend({ threads: 2, yieldToOtherProcesses: false });
afterAll(() => two.close());

describe('training on the wasm backend is reproducible', () => {
  it('splits its convolution between threads (the product is above the crossover)', () => {
    expect(N * C * (K + 1) * P).toBeGreaterThan(THREADED_MIN_MACS);
  });

  it('gives bit for bit the same weights for a seed, run after run, and across thread counts', () => {
    const previous = getBackend();
    try {
      const runs = [one, two, two, one].map((backend) => {
        setBackend(backend);
        return train(3);
      });
      for (const run of runs.slice(1)) {
        run.forEach((weights, i) => expect(Array.from(weights)).toEqual(Array.from(runs[0][i])));
      }
      // and the steps did change the weights (the comparison is not between untouched initial values)
      setBackend(one);
      const [w0] = train(0);
      expect(Array.from(runs[0][0])).not.toEqual(Array.from(w0));
    } finally {
      setBackend(previous);
    }
  });
});
