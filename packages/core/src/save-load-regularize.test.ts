import { describe, expect, it } from 'vitest';
import { dense, sequential } from '@nn/layers';
import { dropout, gaussianNoise, stochasticBinary, weightNoise } from '@nn/regularize';
import { createRng, randn } from '@nn/tensor';
import { fromJSON, toJSON } from './save-load';

describe('save / load with @nn/regularize layers', () => {
  it('rebuilds dropout, noise, weight-noise and stochastic binary layers with their configs and weights', () => {
    const rng = createRng(1);
    const original = sequential(
      gaussianNoise(0.1),
      weightNoise(dense(5, 7, { rng }), 0.05, { select: { w: true, b: true } }),
      stochasticBinary(),
      dropout(0.3, { mode: 'scale-at-test' }),
      dense(7, 3, { rng }),
    );
    const json = JSON.parse(JSON.stringify(toJSON(original)));
    const loaded = fromJSON(json);
    expect(toJSON(loaded)).toEqual(toJSON(original));
    expect(Object.keys(json.weights).length).toBe(4); // the two dense layers' w and b, once each
    const x = randn([6, 5], { rng: createRng(2) });
    expect(loaded.forward(x)).toBeAllClose(original.forward(x), { rtol: 0, atol: 0 });
    // Training passes draw the same noise from the same seed.
    const train = (m: typeof loaded) => m.forward(x, { training: true, rng: createRng(3) });
    expect(train(loaded)).toBeAllClose(train(original), { rtol: 0, atol: 0 });
  });
});
