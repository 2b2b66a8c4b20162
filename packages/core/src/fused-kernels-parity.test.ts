import { describe, expect, it } from 'vitest';
import { createWasmBackend } from '@nn/gpu';
import { activation, dense, sequential } from '@nn/layers';
import { softmaxCrossEntropy } from '@nn/losses';
import { adam, applyUpdates, disposeSupersededState } from '@nn/optim';
import { dropout, gaussianNoise, weightNoise } from '@nn/regularize';
import { type Backend, type Layer, cpuBackend, createRng, getBackend, oneHot, ones, randn, setBackend, tensor, tidy, treeLeaves, valueAndGrad } from '@nn/tensor';

const wasm = await createWasmBackend({ threads: 1, smallOpsOnCpu: false });

/** Runs `fn` with `backend` installed; what it returns, as host arrays. */
function on(backend: Backend, fn: () => number[][]): number[][] {
  const previous = getBackend();
  setBackend(backend);
  try {
    return fn();
  } finally {
    setBackend(previous);
  }
}

/** An awkward 17-33-3 network with dropout on its inputs and hidden units, Gaussian noise, and weight noise on its first layer. */
function network(): Layer {
  const rng = createRng(1);
  return sequential(dropout(0.2), weightNoise(dense(17, 33, { rng }), 0.05), activation('relu'), gaussianNoise(0.1), dropout(0.5), dense(33, 3, { rng }));
}

/** Five Adam steps on a batch of 5 (training mode, one generator), as fit takes them; the final params. */
function train(): number[][] {
  const model = network();
  const opt = adam(0.01);
  const rng = createRng(2);
  const x = randn([5, 17], { rng: createRng(3) });
  const y = oneHot(tensor([0, 2, 1, 1, 0], [5], 'int32'), 3);
  let state = opt.init(model.params);
  for (let step = 0; step < 5; step++) {
    tidy(() => {
      const { grads } = valueAndGrad(() => softmaxCrossEntropy(model.forward(x, { training: true, rng }), y), model.params);
      const [updates, next] = opt.update(grads, state, model.params);
      applyUpdates(model.params, updates);
      disposeSupersededState(state, next);
      state = next;
      return [model.params, state];
    });
  }
  return treeLeaves(model.params).map((t) => Array.from(t.dataSync()));
}

describe('the wasm backend’s fused kernels against the CPU backend', () => {
  it('make the same dropout masks and Gaussian noise for a seed, bit for bit, at awkward sizes (float32)', () => {
    for (const n of [1, 3, 17, 1003]) {
      const draw = () => [
        Array.from(dropout(0.3).forward(ones([n]), { training: true, rng: createRng(n) }).dataSync()),
        Array.from(gaussianNoise(0.5).forward(ones([n]), { training: true, rng: createRng(n) }).dataSync()),
        Array.from(tidy(() => dropout(0.8, { mode: 'scale-at-test' }).forward(ones([n]), { training: true, rng: createRng(n) }).dataSync().slice())),
      ];
      expect(on(wasm, draw)).toEqual(on(cpuBackend, draw));
    }
  });

  it('train a network with dropout, noise, weight noise and Adam the same way (float32; the products sum in another order)', () => {
    const [onWasm, onCpu] = [on(wasm, train), on(cpuBackend, train)];
    expect(onWasm.length).toBe(onCpu.length);
    onWasm.forEach((leaf, k) => leaf.forEach((v, i) => expect(Math.abs(v - onCpu[k][i])).toBeLessThan(1e-5)));
    // and training moved them: Adam's five steps of 0.01 change the weights by far more than the tolerance
    const initial = treeLeaves(network().params).map((t) => Array.from(t.dataSync()));
    expect(Math.max(...onCpu.flat().map((v, i) => Math.abs(v - initial.flat()[i])))).toBeGreaterThan(0.01);
  });
});
