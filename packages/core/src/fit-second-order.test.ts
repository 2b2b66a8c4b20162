import { describe, expect, it } from 'vitest';
import { activation, dense, sequential } from '@nn/layers';
import { softmaxCrossEntropy } from '@nn/losses';
import { conjugateGradient, hessianFree, lbfgs, sgd } from '@nn/optim';
import { type GradientTransformation, type Params, add, createRng, mapTree, mul, square, sum, tensor, treeLeaves } from '@nn/tensor';
import { fit } from './fit';

/** A reproducible 3-class problem in 4 dimensions: class = which of three directions x leans to. */
function problem(n: number, seed: number) {
  const rng = createRng(seed);
  const xs: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
    const scores = [x[0] + x[1], x[1] - x[2], x[3] - x[0]];
    xs.push(x);
    labels.push(scores.indexOf(Math.max(...scores)));
  }
  return { x: tensor(xs, undefined, 'float64'), y: tensor(labels, undefined, 'int32') };
}

const network = () => sequential(dense(4, 6, { rng: createRng(5), dtype: 'float64' }), activation('tanh'), dense(6, 3, { rng: createRng(6), dtype: 'float64' }));
const options = { loss: softmaxCrossEntropy, batchSize: 'full', shuffle: false, progress: false } as const;

describe('fit with full-batch second-order methods', () => {
  it('trains a tiny network with lbfgs() far past plain gradient descent in 40 updates', async () => {
    const data = problem(40, 1);
    const quasiNewton = await fit(network(), data, { ...options, optimizer: lbfgs(), epochs: 40 });
    const descent = await fit(network(), data, { ...options, optimizer: sgd(0.5), epochs: 40 });
    const last = (h: typeof descent) => h.epochs[h.epochs.length - 1].loss;
    expect(quasiNewton.epochs[0].loss).toBeCloseTo(descent.epochs[0].loss, 12); // same start
    // measured: 6.6e-8 against sgd(0.5)'s 0.12
    expect(last(quasiNewton)).toBeLessThan(1e-4);
    expect(last(quasiNewton)).toBeLessThan(last(descent) / 100);
  });

  it('trains it with conjugateGradient() and hessianFree() too', async () => {
    const data = problem(40, 1);
    for (const optimizer of [conjugateGradient(), hessianFree()]) {
      const history = await fit(network(), data, { ...options, optimizer, epochs: 25 });
      expect(history.epochs[24].loss).toBeLessThan(1e-3); // measured: 5.2e-8 (CG), 4.1e-5 (Hessian-free)
    }
  });

  it('passes lossFn and outputAndLoss that compute the batch loss fit reports', async () => {
    const data = problem(8, 2);
    const seen: number[][] = [];
    const probing: GradientTransformation<null> = {
      init: () => null,
      update: (grads, state, params, ctx) => {
        const { output, loss } = ctx!.outputAndLoss!;
        seen.push([ctx!.loss!, ctx!.lossFn!(params!).item(), loss(output(params!)).item()]);
        return [mapTree((g) => mul(g, 0), grads as Params) as typeof grads, state];
      },
    };
    await fit(network(), data, { ...options, optimizer: probing, epochs: 1 });
    const [fromFit, viaLossFn, viaSplit] = seen[seen.length - 1];
    expect(viaLossFn).toBeCloseTo(fromFit, 12);
    expect(viaSplit).toBeCloseTo(fromFit, 12);
  });

  it('passes no outputAndLoss with a regularizer, whose penalty lossFn includes', async () => {
    const data = problem(8, 2);
    const seen: { loss: number; viaLossFn: number; split: boolean }[] = [];
    const probing: GradientTransformation<null> = {
      init: () => null,
      update: (grads, state, params, ctx) => {
        seen.push({ loss: ctx!.loss!, viaLossFn: ctx!.lossFn!(params!).item(), split: ctx!.outputAndLoss !== undefined });
        return [mapTree((g) => mul(g, 0), grads as Params) as typeof grads, state];
      },
    };
    // penalty 0.5·Σθ² over every weight: large enough to move the loss well past rounding
    const regularizer = (params: Params) => mul(0.5, treeLeaves(params).map((t) => sum(square(t))).reduce((a, b) => add(a, b)));
    const history = await fit(network(), data, { ...options, optimizer: probing, epochs: 1, regularizer });
    expect(seen[0].split).toBe(false);
    expect(seen[0].viaLossFn).toBeCloseTo(seen[0].loss, 12);
    expect(seen[0].loss).toBeCloseTo(history.epochs[0].loss, 12);
  });
});
