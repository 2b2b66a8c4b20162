import {
  type Backend, type Tensor, add, cpuBackend, createRng, logSoftmax, matmul, mean, mul, neg, relu, setBackend, sigmoid, sum, tanh, tensor,
  valueAndGrad,
} from '@nn/tensor';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type GpuBackend, createGpuBackend } from './create-gpu-backend';
import type { GpuMode } from './open-gpu';
import { expectClose } from './parity-cases';

const modes: GpuMode[] = process.env.NN_GPUJS_MODE ? [process.env.NN_GPUJS_MODE as GpuMode] : ['cpu', 'auto'];

/** A 7-33-17-5 MLP (relu, then tanh·sigmoid) with a softmax cross-entropy loss, from fixed random values. */
function mlpLossAndGrads(backend: Backend): { loss: number; grads: Record<string, Float32Array> } {
  const rng = createRng(42);
  const values = (size: number, scale: number) => rng.fillUniform(new Float32Array(size), -scale, scale);
  const host = {
    w1: values(7 * 33, 0.5), b1: values(33, 0.1), w2: values(33 * 17, 0.3), b2: values(17, 0.1), w3: values(17 * 5, 0.4), b3: values(5, 0.1),
  };
  const x = values(16 * 7, 2);
  const labels = Array.from({ length: 16 }, (_, i) => (i * 7) % 5);
  const oneHot = new Float32Array(16 * 5);
  labels.forEach((label, i) => (oneHot[i * 5 + label] = 1));
  setBackend(backend);
  // Tensors are made under `backend`, so every op below runs there.
  const params = {
    w1: tensor(host.w1, [7, 33]), b1: tensor(host.b1, [33]), w2: tensor(host.w2, [33, 17]), b2: tensor(host.b2, [17]),
    w3: tensor(host.w3, [17, 5]), b3: tensor(host.b3, [5]),
  };
  const inputs = tensor(x, [16, 7]);
  const targets = tensor(oneHot, [16, 5]);
  const { value, grads } = valueAndGrad((p) => {
    const h1 = relu(add(matmul(inputs, p.w1), p.b1));
    const z2 = add(matmul(h1, p.w2), p.b2);
    const h2 = mul(tanh(z2), sigmoid(z2));
    const logits = add(matmul(h2, p.w3), p.b3);
    return neg(mean(sum(mul(logSoftmax(logits), targets), 1)));
  }, params);
  const download = (t: Tensor) => Float32Array.from(t.dataSync());
  return { loss: value.item(), grads: Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, download(g)])) };
}

for (const mode of modes) {
  describe(`a tiny MLP on the gpu.js backend, mode '${mode}'`, () => {
    let backend: GpuBackend;
    beforeAll(async () => {
      backend = await createGpuBackend({ mode });
    });
    afterEach(() => setBackend(cpuBackend));
    afterAll(async () => {
      await backend?.destroy();
    });

    it('has the loss and gradients of the CPU backend', () => {
      const expected = mlpLossAndGrads(cpuBackend);
      const actual = mlpLossAndGrads(backend);
      expect(actual.loss).toBeCloseTo(expected.loss, 5);
      for (const [name, g] of Object.entries(expected.grads)) {
        // errors scale with the largest gradient element of the tensor, not with each element
        const largest = g.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
        expectClose(actual.grads[name], g, { rtol: 1e-4, scale: new Float32Array(g.length).fill(largest) });
      }
    });

    it('ran the hot ops as gpu.js kernels', () => {
      const kernels = Object.keys(backend.kernelModes()).map((key) => key.split('/')[0]);
      for (const op of ['matmul', 'add', 'relu', 'tanh', 'sigmoid', 'sum', 'mul']) expect(kernels).toContain(op);
    });
  });
}
