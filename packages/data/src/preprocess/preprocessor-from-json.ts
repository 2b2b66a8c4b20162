import { ValueError } from '@nn/tensor';
import { minMaxFromState } from './min-max';
import { pcaFromState } from './pca';
import type { FittedPreprocessor, PreprocessorJson } from './preprocessor';
import { zScoreFromState } from './z-score';

/** The fitted step that `toJSON()` described (`zScore`, `minMax` or `pca`), its state checked. */
export function preprocessorFromJSON(json: PreprocessorJson): FittedPreprocessor {
  const op = 'preprocessorFromJSON';
  if (json === null || typeof json !== 'object' || typeof json.state !== 'object' || json.state === null) {
    throw new ValueError(op, `expected { kind, config, state }, got ${JSON.stringify(json)?.slice(0, 80)}`);
  }
  const config = (json.config ?? {}) as { readonly [key: string]: unknown };
  switch (json.kind) {
    case 'zScore':
      return zScoreFromState(op, json.state);
    case 'minMax':
      return minMaxFromState(op, config, json.state);
    case 'pca':
      return pcaFromState(op, config, json.state);
    default:
      throw new ValueError(op, `unknown kind ${JSON.stringify(json.kind)}; expected 'zScore', 'minMax' or 'pca'`);
  }
}
