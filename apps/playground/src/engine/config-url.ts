import { ValueError } from '@nn/core';
import { DEFAULT_CONFIG, type HiddenLayerConfig, type PlaygroundConfig, checkConfig } from './config';

type Field = Exclude<keyof PlaygroundConfig, 'hidden'>;
const NUMERIC: readonly Field[] = [
  'samples', 'noise', 'trainRatio', 'batchSize', 'learningRate', 'momentum', 'rmsAlpha', 'beta1', 'beta2', 'decay',
  'decayEpochs', 'l2', 'l1', 'dropout', 'inputNoise', 'maxNorm', 'earlyStopping', 'seed',
];
const TEXT: readonly Field[] = ['dataset', 'output', 'optimizer', 'schedule', 'backend'];

/**
 * The configuration as a URL query (without '?' or '#'), every field written out so that a link keeps
 * its meaning if the defaults change: `dataset=xor&samples=200&…&hidden=4:tanh,2:tanh`. The hidden
 * layers are `units:neuron` pairs separated by commas (empty for none).
 */
export function configToQuery(config: PlaygroundConfig): string {
  const checked = checkConfig(config);
  const params = new URLSearchParams();
  for (const key of TEXT) params.set(key, String(checked[key]));
  params.set('hidden', checked.hidden.map((l) => `${l.units}:${l.neuron}`).join(','));
  for (const key of NUMERIC) params.set(key, String(checked[key]));
  return params.toString();
}

/**
 * Reads a configuration from a URL query or hash ('?…', '#…' or bare); a field that is absent keeps its
 * default, a field that is present but bad throws a ValueError naming it, and an unknown key throws too
 * (a typo in a shared link should not silently give another lesson).
 */
export function configFromQuery(query: string, defaults: PlaygroundConfig = DEFAULT_CONFIG): PlaygroundConfig {
  const op = 'configFromQuery';
  const params = new URLSearchParams(query.replace(/^[?#]/, ''));
  const known = new Set<string>([...NUMERIC, ...TEXT, 'hidden']);
  for (const key of params.keys()) {
    if (!known.has(key)) throw new ValueError(op, `unknown setting '${key}' in the link; known: ${[...known].join(', ')}`);
  }
  const config: Record<string, unknown> = { ...defaults };
  for (const key of TEXT) {
    const value = params.get(key);
    if (value !== null) config[key] = value;
  }
  for (const key of NUMERIC) {
    const value = params.get(key);
    if (value === null) continue;
    const n = value.trim() === '' ? NaN : Number(value);
    if (!Number.isFinite(n)) throw new ValueError(op, `${key} must be a number, got ${JSON.stringify(value)}`);
    config[key] = n;
  }
  const hidden = params.get('hidden');
  if (hidden !== null) config.hidden = parseHidden(op, hidden);
  return checkConfig(config as unknown as PlaygroundConfig);
}

function parseHidden(op: string, text: string): HiddenLayerConfig[] {
  if (text.trim() === '') return [];
  return text.split(',').map((part) => {
    const match = /^(\d+):(\w+)$/.exec(part.trim());
    if (match === null) throw new ValueError(op, `hidden must be units:neuron pairs separated by commas (4:tanh,2:relu), got ${JSON.stringify(part)}`);
    return { units: Number(match[1]), neuron: match[2] } as HiddenLayerConfig;
  });
}
