import { describe, expect, it } from 'vitest';
import { ValueError } from '@nn/tensor';
import { preprocessorFromJSON } from './preprocessor-from-json';

describe('preprocessorFromJSON', () => {
  it('refuses an unknown kind and a state that does not fit', () => {
    expect(() => preprocessorFromJSON({ kind: 'robust', config: {}, state: {} })).toThrow(ValueError);
    expect(() => preprocessorFromJSON({ kind: 'robust', config: {}, state: {} })).toThrow(
      "preprocessorFromJSON: unknown kind \"robust\"; expected 'zScore', 'minMax' or 'pca'",
    );
    expect(() => preprocessorFromJSON({ kind: 'zScore', config: {}, state: { featureShape: [2], mean: [0], std: [1, 1] } })).toThrow(
      'preprocessorFromJSON: state.mean must hold 2 finite numbers, got 1 values',
    );
  });
});
