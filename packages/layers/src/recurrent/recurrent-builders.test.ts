import { type Layer, type Params, ValueError, createRng, isTensor, randn } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { buildLayer } from '../build-layer';
import { describeLayer } from '../describe-layer';
import { smallNormal } from '../initializers/small-normal';
import { sequential } from '../sequential';
import { bidirectional } from './bidirectional';
import { gru } from './gru';
import { lstm } from './lstm';
import { simpleRnn } from './simple-rnn';

const leaves = (p: Params): number[][] => (isTensor(p) ? [Array.from(p.dataSync())] : Object.values(p as Record<string, Params>).flatMap(leaves));

const models: [string, (seed: number) => Layer][] = [
  ['simpleRnn', (s) => simpleRnn(3, 4, { rng: createRng(s), bpttSteps: 2, dtype: 'float64' })],
  ['lstm', (s) => lstm(3, 4, { rng: createRng(s), forgetBias: 2, returnSequences: true, recurrentInit: smallNormal({ scale: 0.2 }) })],
  ['gru', (s) => gru(3, 4, { rng: createRng(s), reverse: true })],
  ['a stacked bidirectional network', (s) => {
    const rng = createRng(s);
    return sequential(bidirectional(lstm(3, 4, { rng, returnSequences: true }), { rng }), gru(8, 2, { rng }));
  }],
];

describe('recurrentLayerBuilders', () => {
  it.each(models)('rebuild %s from its JSON description: same config, same weights from the same seed, same outputs', (_, make) => {
    const layer = make(9);
    const twin = buildLayer(JSON.parse(JSON.stringify(describeLayer(layer))), { rng: createRng(9) });
    expect(twin.kind).toBe(layer.kind);
    expect(twin.config).toEqual(layer.config);
    expect(leaves(twin.params)).toEqual(leaves(layer.params));
    const x = randn([2, 5, 3], { rng: createRng(1), dtype: layer.config.dtype === 'float64' ? 'float64' : 'float32' });
    expect(twin.forward(x)).toBeAllClose(layer.forward(x), { rtol: 0, atol: 0 });
  });

  it('refuses unknown options and incomplete bidirectional configs', () => {
    expect(() => buildLayer({ kind: 'gru', config: { inFeatures: 2, units: 2, forgetBias: 1 } })).toThrow("gru: unknown option 'forgetBias'");
    expect(() => buildLayer({ kind: 'bidirectional', config: { merge: 'concat' } })).toThrow(ValueError);
    expect(() => buildLayer({ kind: 'bidirectional', config: { forward: { kind: 'dense', config: { inFeatures: 2, outFeatures: 2 } }, backward: { kind: 'dense', config: { inFeatures: 2, outFeatures: 2 } } } })).toThrow(
      "bidirectional: expected config.forward to be a recurrent layer (simpleRnn, lstm, gru), got a 'dense' layer",
    );
  });
});
