import { DTypeError, NnError, ShapeError, type Tensor, ValueError, add, createRng, mul, randn, reshape, slice, sum, tensor, valueAndGrad, zeros } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { sequential } from '../sequential';
import { gru } from './gru';
import { lstm } from './lstm';
import type { RecurrentLayer, RecurrentState, SequenceContext } from './recurrent-layer';
import type { RecurrentOptions } from './recurrent-options';
import { simpleRnn } from './simple-rnn';

type Factory = (f: number, h: number, o?: RecurrentOptions) => RecurrentLayer<Record<string, Tensor>, RecurrentState>;
const cells: [string, Factory][] = [
  ['simpleRnn', simpleRnn as Factory],
  ['lstm', lstm as Factory],
  ['gru', gru as Factory],
];
const N = 2, T = 5, F = 3, H = 2;

describe.each(cells)('%s, unrolled', (name, make) => {
  const fresh = (o: RecurrentOptions = {}) => make(F, H, { rng: createRng(4), dtype: 'float64', returnSequences: true, ...o });
  const data = (seed: number, shape: number[]) => randn(shape, { rng: createRng(seed), dtype: 'float64' });

  it('has the analytic gradient over 5 masked steps in its weights, the input and the initial state (float64)', () => {
    const layer = fresh();
    const mask = tensor([[1, 1, 1, 1, 1], [1, 0, 1, 1, 0]], [N, T], 'float64');
    const c = data(1, [N, T, H]);
    const d = data(2, [N, H]);
    const initialState = Object.fromEntries(Object.keys(layer.initialState(N)).map((k, i) => [k, data(10 + i, [N, H])]));
    expectGradClose(({ p, x, s }) => {
      Object.assign(layer.params, p);
      const { output, state } = layer.forwardWithState(x, { mask, initialState: s });
      return Object.values(state).reduce((acc, v) => add(acc, sum(mul(v, d))), sum(mul(output, c)));
    }, { p: { ...layer.params }, x: data(3, [N, T, F]), s: initialState });
  });

  it('gives the same outputs projecting all steps at once (nothing traced) as step by step (in training)', () => {
    const layer = fresh();
    const x = data(8, [N, T, F]);
    const once = layer.forwardWithState(x, { lengths: [5, 4] });
    let traced: typeof once | undefined;
    valueAndGrad((p) => {
      Object.assign(layer.params, p);
      traced = layer.forwardWithState(x, { lengths: [5, 4] });
      return sum(traced.output);
    }, { ...layer.params });
    expect(traced!.output).toBeAllClose(once.output, { rtol: 1e-12, atol: 1e-15 });
    for (const k of Object.keys(once.state)) expect(traced!.state[k]).toBeAllClose(once.state[k], { rtol: 1e-12, atol: 1e-15 });
  });

  it('continues from the state it returned: two calls equal one over the whole sequence', () => {
    const layer = fresh();
    const x = data(5, [N, T, F]);
    const whole = layer.forwardWithState(x);
    const first = layer.forwardWithState(slice(x, [0, 0, 0], [N, 3, F]));
    const second = layer.forwardWithState(slice(x, [0, 3, 0], [N, 2, F]), { initialState: first.state });
    expect(slice(whole.output, [0, 3, 0], [N, 2, H])).toBeAllClose(second.output, { rtol: 1e-12, atol: 0 });
    for (const k of Object.keys(whole.state)) expect(whole.state[k]).toBeAllClose(second.state[k], { rtol: 1e-12, atol: 0 });
  });

  it('ends each padded sequence at its own last step, outputs zeros after it, and reads lengths as a mask', () => {
    const layer = fresh();
    const x = data(6, [N, T, F]);
    const padded = layer.forwardWithState(x, { lengths: [5, 3] });
    const alone = layer.forwardWithState(slice(x, [1, 0, 0], [1, 3, F]));
    expect(slice(padded.state.h, [1, 0], [1, H])).toBeAllClose(alone.state.h, { rtol: 1e-12, atol: 0 });
    expect(slice(padded.output, [1, 0, 0], [1, 3, H])).toBeAllClose(alone.output, { rtol: 1e-12, atol: 0 });
    expect(slice(padded.output, [1, 3, 0], [1, 2, H])).toBeAllClose(zeros([1, 2, H]), { atol: 0 });
    expect(slice(padded.state.h, [0, 0], [1, H])).toBeAllClose(slice(layer.forwardWithState(x).state.h, [0, 0], [1, H]), { atol: 0 });
    const viaMask = layer.forwardWithState(x, { mask: tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]], [N, T], 'float64') });
    expect(viaMask.output).toBeAllClose(padded.output, { atol: 0 });
  });

  it('outputs the last state [N, units] without returnSequences, the sequence [N, T, units] with it', () => {
    const x = data(7, [N, T, F]);
    const last = fresh({ returnSequences: false }).forward(x);
    const seq = fresh().forward(x);
    expect(last.shape).toEqual([N, H]);
    expect(seq.shape).toEqual([N, T, H]);
    expect(last).toBeAllClose(reshape(slice(seq, [0, T - 1, 0], [N, 1, H]), [N, H]), { atol: 0 });
  });

  it('with bpttSteps, keeps the forward values and stops the gradient at the start of each chunk', () => {
    const x = data(8, [N, T, F]);
    const full = fresh({ returnSequences: false });
    const cut = fresh({ returnSequences: false, bpttSteps: 2 }); // chunks: steps 0–1, 2–3, 4
    expect(cut.forward(x)).toBeAllClose(full.forward(x), { atol: 0 });
    const gx = (l: RecurrentLayer<Record<string, Tensor>, RecurrentState>) => valueAndGrad(({ x }) => sum(l.forward(x)), { x }).grads.x;
    const g = gx(cut);
    // the last h depends on the last chunk only: steps 0–3 of x get no gradient
    expect(slice(g, [0, 0, 0], [N, 4, F])).toBeAllClose(zeros([N, 4, F], 'float64'), { atol: 0 });
    expect(slice(g, [0, 4, 0], [N, 1, F])).toBeAllClose(slice(gx(full), [0, 4, 0], [N, 1, F]), { rtol: 1e-12, atol: 0 });
    // a chunk as long as the sequence is full backpropagation through time
    expect(gx(fresh({ returnSequences: false, bpttSteps: T }))).toBeAllClose(gx(full), { atol: 0 });
  });

  it('stacks with returnSequences under one mask', () => {
    const lower = fresh();
    const upper = make(H, 4, { rng: createRng(9), dtype: 'float64' });
    const net = sequential(lower, upper);
    const x = data(9, [N, T, F]);
    const ctx: SequenceContext = { lengths: [2, 5] }; // sequential passes it to every child
    const y = net.forward(x, ctx);
    expect(y.shape).toEqual([N, 4]);
    const alone = upper.forward(lower.forward(slice(x, [0, 0, 0], [1, 2, F])));
    expect(slice(y, [0, 0], [1, 4])).toBeAllClose(alone, { rtol: 1e-12, atol: 0 });
  });

  it('refuses a 2-D input, another feature count or dtype, naming the layer and the shapes', () => {
    const layer = fresh();
    expect(() => layer.forward(zeros([N, F], 'float64'))).toThrow(ShapeError);
    expect(() => layer.forward(zeros([N, F], 'float64'))).toThrow(`${name}: expected input of shape [N,T,3] (batch, steps ≥ 1, features), got [2,3]`);
    expect(() => layer.forward(zeros([N, T, 4], 'float64'))).toThrow(`${name}: expected input of shape [N,T,3] (batch, steps ≥ 1, features), got [2,5,4]`);
    expect(() => layer.forward(zeros([N, 0, F], 'float64'))).toThrow(ShapeError);
    expect(() => layer.forward(zeros([N, T, F]))).toThrow(DTypeError);
    expect(() => layer.forward([[[1, 2, 3]]] as never)).toThrow(NnError);
  });

  it('refuses an initial state of the wrong shape or keys', () => {
    const layer = fresh();
    const x = zeros([N, T, F], 'float64');
    const good = layer.initialState(N);
    expect(() => layer.forwardWithState(x, { initialState: { ...good, h: zeros([N, 3], 'float64') } })).toThrow(
      `${name}: expected initialState.h of shape [N,units] = [2,2], got [2,3]`,
    );
    expect(() => layer.forwardWithState(x, { initialState: { ...good, h: zeros([N, H]) } })).toThrow(DTypeError);
    expect(() => layer.forwardWithState(x, { initialState: { ...good, q: zeros([N, H], 'float64') } })).toThrow(ValueError);
    expect(() => layer.forwardWithState(x, { initialState: zeros([N, H], 'float64') as never })).toThrow(ValueError);
    expect(() => layer.initialState(0)).toThrow(ValueError);
  });

  it('refuses a mask of the wrong length, bad lengths, or both', () => {
    const layer = fresh();
    const x = zeros([N, T, F], 'float64');
    expect(() => layer.forward(x, { mask: zeros([N, 4]) })).toThrow(ShapeError);
    expect(() => layer.forward(x, { mask: zeros([N, 4]) })).toThrow(`${name}: expected a mask of shape [N,T] = [2,5], got [2,4]`);
    expect(() => layer.forward(x, { mask: tensor([[1, 1, 1, 1, 1], [1, 0.5, 0, 0, 0]]) })).toThrow(`${name}: the mask must hold 0 (padding) and 1 (a step), got 0.5 at [1,1]`);
    expect(() => layer.forward(x, { lengths: [5] })).toThrow(`${name}: expected lengths of shape [N] = [2], got [1]`);
    expect(() => layer.forward(x, { lengths: [5, 6] })).toThrow(`${name}: lengths[1] must be an integer in 0…5 (the number of steps), got 6`);
    expect(() => layer.forward(x, { lengths: [5, 5], mask: zeros([N, T]) })).toThrow(ValueError);
  });

  it('refuses bad sizes and options', () => {
    expect(() => make(0, 2)).toThrow(`${name}: inFeatures must be a positive integer, got 0`);
    expect(() => make(2, 1.5)).toThrow(ValueError);
    expect(() => make(2, 2, { bpttSteps: 0 })).toThrow(`${name}: bpttSteps must be a positive integer or null, got 0`);
    expect(() => make(2, 2, { dtype: 'int32' as never })).toThrow(DTypeError);
    expect(() => make(2, 2, { returnSequences: 'yes' as never })).toThrow(ValueError);
    expect(() => make(2, 2, { init: (s: readonly number[]) => zeros([...s, 1]) })).toThrow(ShapeError);
  });

  it('leaves its input and initial state alone, and reversed() reads from the last step with fresh weights', () => {
    const layer = fresh();
    const x = data(12, [N, T, F]);
    const before = Array.from(x.dataSync());
    const s = layer.initialState(N);
    layer.forwardWithState(x, { initialState: s, lengths: [1, 4] });
    expect(Array.from(x.dataSync())).toEqual(before);
    expect(s.h).toBeAllClose(zeros([N, H], 'float64'), { atol: 0 });
    const back = layer.reversed(createRng(4));
    expect(back.config).toEqual({ ...layer.config, reverse: true });
    // same seed, same weights: reading backwards is reading the time-reversed sequence forwards
    const flipped = tensor(Array.from({ length: N * T * F }, (_, i) => {
      const n = Math.floor(i / (T * F)), t = Math.floor(i / F) % T, f = i % F;
      return before[(n * T + (T - 1 - t)) * F + f];
    }), [N, T, F], 'float64');
    expect(back.forwardWithState(x).state.h).toBeAllClose(layer.forwardWithState(flipped).state.h, { rtol: 1e-12, atol: 0 });
  });
});
