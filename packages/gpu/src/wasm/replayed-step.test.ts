import { afterAll, describe, expect, it } from 'vitest';
import {
  type Tensor, concat, createRng, fromTypedArray, gather, gatherArgmax, gatherMatmul, getBackend, log, matmul, mean, mul, ones, randn, relu,
  replayable, reshape, setBackend, softmax, sum, tidy, treeLeaves, valueAndGrad,
} from '@nn/tensor';
import { type WasmBackend, createWasmBackend } from './create-wasm-backend';
import { SMALL_CONV, smallConvIm2col } from './conv-fixture';

// A convolutional step as @nn/conv's layers trace it (im2col + GEMM by gatherMatmul, 2 × 2 max-pooling
// by gatherArgmax's winners, then a dense layer), large enough that `replayable` replays it on the
// backend's own kernels and that its products split between threads.
const { N, C, H, K, P } = SMALL_CONV;
const im2col = smallConvIm2col;

function poolWindows(): Tensor {
  const windows = new Int32Array(36 * 4);
  for (let oy = 0; oy < 6; oy++) for (let ox = 0; ox < 6; ox++) for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) windows[(oy * 6 + ox) * 4 + i * 2 + j] = (oy * 2 + i) * 12 + ox * 2 + j;
  return fromTypedArray(windows, [36, 4], 'int32');
}

type Params = { w: Tensor; v: Tensor };

function lossAndGrads(params: Params, x: Tensor, target: Tensor, idx: Tensor, windows: Tensor) {
  return valueAndGrad((p) => {
    const planes = reshape(gatherMatmul(p.w, x, idx), [N * C, P]);
    const pooled = reshape(gather(reshape(planes, [-1]), gatherArgmax(planes, windows)), [N, C * 36]);
    const logits = matmul(relu(pooled), p.v);
    return mean(sum(mul(target, log(softmax(logits, -1))), -1));
  }, params);
}

const backends: WasmBackend[] = [];
const previous = getBackend();
afterAll(async () => {
  setBackend(previous);
  await Promise.all(backends.map((b) => b.close()));
});

describe('a step replayed on the wasm kernels', () => {
  for (const threads of [1, 2]) {
    it(`equals the eager step bit for bit and leaves no wasm memory behind (${threads} thread${threads > 1 ? 's' : ''})`, async () => {
      const backend = await createWasmBackend({ threads, yieldToOtherProcesses: false });
      backends.push(backend);
      setBackend(backend);
      const rng = createRng(5);
      const params: Params = { w: randn([C, K + 1], { rng, std: 0.3 }), v: randn([C * 36, 10], { rng, std: 0.05 }) };
      const target = fromTypedArray(new Float32Array(N * 10).map((_, i) => (i % 10 === (Math.floor(i / 10) * 7) % 10 ? 1 : 0)), [N, 10]);
      const [idx, windows] = [im2col(), poolWindows()];
      let traced = 0;
      const replayed = replayable((p: Params, x: Tensor) => (traced++, lossAndGrads(p, x, target, idx, windows)));
      for (let s = 0; s < 5; s++) {
        const x = concat([randn([N, H * H], { rng }), ones([N, 1])], 1);
        tidy(() => {
          const got = replayed(params, x);
          const want = lossAndGrads(params, x, target, idx, windows);
          expect(Array.from(got.value.dataSync())).toEqual(Array.from(want.value.dataSync()));
          treeLeaves(got.grads).forEach((g, k) => expect(Array.from(g.dataSync())).toEqual(Array.from(treeLeaves(want.grads)[k].dataSync())));
        });
        expect(backend.residentBytes).toBe(0);
      }
      expect(traced).toBe(2);
    });
  }
});
