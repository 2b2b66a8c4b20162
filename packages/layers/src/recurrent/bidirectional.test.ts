import { NnError, ValueError, add, concat, createRng, mul, randn, slice, sum, zeros } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { dense } from '../dense';
import { bidirectional } from './bidirectional';
import { gru } from './gru';
import { lstm } from './lstm';
import { simpleRnn } from './simple-rnn';

const N = 2, T = 5, F = 3, H = 2;
const data = (seed: number, shape: number[]) => randn(shape, { rng: createRng(seed), dtype: 'float64' });

describe('bidirectional', () => {
  it('joins a forward and a backward reading, step by step or by their last states', () => {
    const x = data(1, [N, T, F]);
    const seq = bidirectional(gru(F, H, { rng: createRng(1), dtype: 'float64', returnSequences: true }), { rng: createRng(2) });
    const { forward, backward } = seq.layers;
    expect(backward.config.reverse).toBe(true);
    expect(seq.forward(x)).toBeAllClose(concat([forward.forward(x), backward.forward(x)], 2), { atol: 0 });
    expect(seq.forward(x).shape).toEqual([N, T, 2 * H]);
    const last = bidirectional(lstm(F, H, { rng: createRng(1), dtype: 'float64' }), { merge: 'sum', rng: createRng(2) });
    expect(last.forward(x)).toBeAllClose(add(last.layers.forward.forward(x), last.layers.backward.forward(x)), { atol: 0 });
    expect(last.forward(x).shape).toEqual([N, H]);
    expect(last.params).toEqual({ forward: last.layers.forward.params, backward: last.layers.backward.params });
  });

  it('starts the backward direction at each sequence’s own last step', () => {
    const layer = bidirectional(lstm(F, H, { rng: createRng(3), dtype: 'float64', returnSequences: true }), { rng: createRng(4) });
    const x = data(2, [N, T, F]);
    const padded = layer.forwardWithState(x, { lengths: [T, 3] });
    const alone = layer.forwardWithState(slice(x, [1, 0, 0], [1, 3, F])); // sequence 1 without its padding
    expect(slice(padded.output, [1, 0, 0], [1, 3, 2 * H])).toBeAllClose(alone.output, { rtol: 1e-12, atol: 0 });
    expect(slice(padded.output, [1, 3, 0], [1, 2, 2 * H])).toBeAllClose(zeros([1, 2, 2 * H]), { atol: 0 });
    for (const dir of ['forward', 'backward'] as const) {
      for (const k of ['h', 'c'] as const) {
        expect(slice(padded.state[dir][k], [1, 0], [1, H])).toBeAllClose(alone.state[dir][k], { rtol: 1e-12, atol: 0 });
      }
    }
  });

  it('carries a state per direction', () => {
    const layer = bidirectional(simpleRnn(F, H, { rng: createRng(5), dtype: 'float64' }));
    const x = data(3, [N, T, F]);
    const s0 = layer.initialState(N);
    expect(Object.keys(s0)).toEqual(['forward', 'backward']);
    const s = { forward: { h: data(4, [N, H]) }, backward: { h: data(5, [N, H]) } };
    const { state } = layer.forwardWithState(x, { initialState: s });
    expect(state.forward.h).toBeAllClose(layer.layers.forward.forwardWithState(x, { initialState: s.forward }).state.h, { atol: 0 });
    expect(state.backward.h).toBeAllClose(layer.layers.backward.forwardWithState(x, { initialState: s.backward }).state.h, { atol: 0 });
  });

  it('has the analytic gradient over 5 masked steps (float64)', () => {
    const layer = bidirectional(gru(F, H, { rng: createRng(6), dtype: 'float64', returnSequences: true }), { rng: createRng(7) });
    const c = data(6, [N, T, 2 * H]);
    expectGradClose(({ p, x }) => {
      Object.assign(layer.params.forward, p.forward);
      Object.assign(layer.params.backward, p.backward);
      return sum(mul(layer.forward(x, { lengths: [T, 2] }), c));
    }, { p: { forward: { ...layer.params.forward }, backward: { ...layer.params.backward } }, x: data(7, [N, T, F]) });
  });

  it('refuses a layer that is not recurrent, a bad merge, and directions that do not pair', () => {
    const l = lstm(F, H);
    expect(() => bidirectional(dense(2, 2) as never)).toThrow("bidirectional: expected layer to be a recurrent layer (simpleRnn, lstm, gru), got a 'dense' layer");
    expect(() => bidirectional(null as never)).toThrow(NnError);
    expect(() => bidirectional(l, { merge: 'mul' as never })).toThrow(ValueError);
    expect(() => bidirectional(l, { backward: lstm(F, H) })).toThrow('bidirectional: the backward layer must read in the other direction (reverse: true), got reverse: false');
    expect(() => bidirectional(l, { backward: lstm(F, 3, { reverse: true }) })).toThrow('bidirectional: the two directions differ in units: 2 and 3');
  });
});
