import { type Json, ValueError } from '@nn/tensor';
import { isJsonObject } from './is-json-object';

/**
 * Throws a ValueError naming `op` unless `config` is a plain object whose keys are all in `keys`,
 * so that a misspelt option (`{ slop: 0.2 }`) is refused rather than silently defaulted.
 */
export function assertConfigKeys(op: string, config: Json | undefined, keys: readonly string[]): asserts config is { readonly [key: string]: Json } {
  if (!isJsonObject(config)) {
    throw new ValueError(op, `expected a config object, got ${JSON.stringify(config)}`);
  }
  const unknown = Object.keys(config).filter((k) => !keys.includes(k));
  if (unknown.length > 0) {
    const takes = keys.length === 0 ? 'no options' : keys.map((k) => `'${k}'`).join(', ');
    throw new ValueError(op, `unknown option '${unknown[0]}'; it takes ${takes}`);
  }
}
