import { type GradientTransformation, ValueError, tensor, valueAndGrad } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { adam } from './alias/adam';
import { sgd } from './alias/sgd';
import { applyUpdates } from './apply-updates';
import { chain } from './chain';
import { getHyperparams, injectHyperparams, setHyperparams } from './inject-hyperparams';
import { exponentialDecay } from './schedules/exponential-decay';
import { stateFromJSON, stateToJSON } from './state-json';
import { describeOptimizerContract, quadratic } from './testing';
import { scale } from './transforms/scale';

/** Runs `steps` updates on the quadratic bowl from its start, calling `between(state, t)` before update t; returns w after every step. */
function trajectory<S>(opt: GradientTransformation<S>, steps: number, between: (state: S, t: number) => S = (s) => s): number[][] {
  const params = quadratic.init();
  let state = opt.init(params);
  const out: number[][] = [];
  for (let t = 0; t < steps; t++) {
    state = between(state, t);
    const { value, grads } = valueAndGrad(quadratic.loss, params);
    let updates: typeof params;
    [updates, state] = opt.update(grads, state, params, { loss: value.item(), step: t });
    applyUpdates(params, updates);
    out.push(Array.from(params.w.dataSync()));
  }
  return out;
}

const sgdWithMomentum = () => injectHyperparams((h) => sgd(h.learningRate, { momentum: h.momentum }), { learningRate: 0.05, momentum: 0.9 });

describe('injectHyperparams', () => {
  it('keeps the values in the state and gives the wrapped optimizer’s updates', () => {
    const opt = sgdWithMomentum();
    const state = opt.init(quadratic.init());
    expect(state.hyperparams).toEqual({ learningRate: 0.05, momentum: 0.9 });
    expect(state.count).toBe(0);
    expect(trajectory(opt, 20)).toEqual(trajectory(sgd(0.05, { momentum: 0.9 }), 20));
  });

  it('changing η after 10 steps gives the trajectory of a schedule that switches at step 10, velocity kept', () => {
    const switched = trajectory(sgdWithMomentum(), 25, (state, t) => (t === 10 ? setHyperparams(state, { learningRate: 0.01 }) : state));
    const scheduled = trajectory(sgd((t) => (t < 10 ? 0.05 : 0.01), { momentum: 0.9 }), 25);
    expect(switched).toEqual(scheduled);
    // and not the trajectory of a fresh optimizer at 0.01 from step 10: the velocity carried on
    const restarted = trajectory(sgd(0.01, { momentum: 0.9 }), 15);
    expect(switched[24]).not.toEqual(restarted[14]);
  });

  it('does the same for Adam, its moments carried across the change; β₁ can be injected too', () => {
    const opt = injectHyperparams((h) => adam(h.learningRate, { betas: [h.b1, 0.999] }), { learningRate: 0.1, b1: 0.9 });
    const switched = trajectory(opt, 20, (state, t) => (t === 8 ? setHyperparams(state, { learningRate: 0.02 }) : state));
    expect(switched).toEqual(trajectory(adam((t) => (t < 8 ? 0.1 : 0.02), { betas: [0.9, 0.999] }), 20));
  });

  it('reads a schedule-valued hyper-parameter at its update count and shows the value in the state', () => {
    // η_t = 0.1·0.5^(t/5): at t = 10, η = 0.025
    const decay = exponentialDecay({ init: 0.1, decayRate: 0.5, decaySteps: 5 });
    const opt = injectHyperparams((h) => sgd(h.learningRate), { learningRate: decay });
    expect(trajectory(opt, 12)).toEqual(trajectory(sgd(decay), 12));
    let state = opt.init(quadratic.init());
    const params = quadratic.init();
    for (let t = 0; t < 11; t++) [, state] = opt.update({ w: tensor([1, 1]) }, state, params);
    expect(state.hyperparams.learningRate).toBeCloseTo(0.025, 12);
    expect(state.count).toBe(11);
    // a scheduled value cannot be set by hand: the next update says so rather than overwrite it
    expect(() => opt.update({ w: tensor([1, 1]) }, setHyperparams(state, { learningRate: 0.5 }), params)).toThrow(
      /injectHyperparams.*learningRate follows a schedule, so it cannot be set \(it is 0.5 in the state/,
    );
  });

  it('survives a JSON round trip, hyper-parameters included, and continues identically', () => {
    const opt = sgdWithMomentum();
    const params = quadratic.init();
    let state = setHyperparams(opt.init(params), { learningRate: 0.02 });
    for (let t = 0; t < 3; t++) {
      const { grads } = valueAndGrad(quadratic.loss, params);
      let u: typeof params;
      [u, state] = opt.update(grads, state, params);
      applyUpdates(params, u);
    }
    const restored = stateFromJSON<typeof state>(JSON.parse(JSON.stringify(stateToJSON(state))));
    expect(restored.hyperparams).toEqual({ learningRate: 0.02, momentum: 0.9 });
    const { grads } = valueAndGrad(quadratic.loss, params);
    const [a] = opt.update(grads, state, params);
    const [b] = sgdWithMomentum().update(grads, restored, params);
    expect(Array.from(b.w.dataSync())).toEqual(Array.from(a.w.dataSync()));
  });

  it('refuses no hyper-parameters, a value that is not a finite number, and a schedule that gives one', () => {
    expect(() => injectHyperparams(() => sgd(0.1), {})).toThrow(ValueError);
    expect(() => injectHyperparams((h) => sgd(h.learningRate), { learningRate: Number.NaN })).toThrow(
      /injectHyperparams.*hyper-parameter learningRate must be a finite number or a schedule, got NaN/,
    );
    const bad = injectHyperparams((h) => sgd(h.learningRate), { learningRate: (t: number) => (t < 1 ? 0.1 : Number.POSITIVE_INFINITY) });
    const params = { w: tensor([1]) };
    const [, s] = bad.update({ w: tensor([1]) }, bad.init(params), params);
    expect(() => bad.update({ w: tensor([1]) }, s, params)).toThrow(/learningRate \(the schedule's value at step 1\) must be a finite number/);
    // the wrapped optimizer's own state is not the wrapper's
    expect(() => bad.update({ w: tensor([1]) }, s.inner as never, params)).toThrow(/injectHyperparams.*was it made by another optimizer\?/);
  });
});

describe('setHyperparams / getHyperparams', () => {
  it('finds the injected state inside a chain and changes only a copy', () => {
    const opt = chain(scale(1), sgdWithMomentum());
    const state = opt.init(quadratic.init());
    const changed = setHyperparams(state, { learningRate: 0.001 });
    expect(getHyperparams(changed)).toEqual({ learningRate: 0.001, momentum: 0.9 });
    expect(getHyperparams(state)).toEqual({ learningRate: 0.05, momentum: 0.9 });
    expect(getHyperparams(sgd(0.1).init(quadratic.init()))).toEqual({});
  });

  it('refuses a name no injected state holds, and a non-finite value', () => {
    const state = sgdWithMomentum().init(quadratic.init());
    expect(() => setHyperparams(state, { lr: 0.1 })).toThrow(/setHyperparams.*no injectHyperparams state holds 'lr'; the state holds learningRate, momentum/);
    expect(() => setHyperparams(sgd(0.1).init(quadratic.init()), { learningRate: 0.1 })).toThrow(/was not made with injectHyperparams/);
    expect(() => setHyperparams(state, { learningRate: -Infinity })).toThrow(ValueError);
  });
});

describeOptimizerContract('injectHyperparams(sgd with momentum)', sgdWithMomentum, { solves: [quadratic] });
