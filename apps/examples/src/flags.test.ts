import { describe, expect, it } from 'vitest';
import { UsageError, parseFlags } from './flags';

describe('parseFlags', () => {
  const spec = { integers: ['epochs', 'seed'] as const, switches: ['quick'] as const };

  it('reads integer flags and switches', () => {
    expect(parseFlags('demo', ['--epochs', '3', '--quick'], spec)).toEqual({ epochs: 3, quick: true });
    expect(parseFlags('demo', ['--seed=7'], spec)).toEqual({ seed: 7, quick: false });
  });

  it('refuses unknown flags and values that are not non-negative integers', () => {
    expect(() => parseFlags('demo', ['--lr', '0.1'], spec)).toThrow(UsageError);
    expect(() => parseFlags('demo', ['--epochs', 'ten'], spec)).toThrow('demo: --epochs must be a non-negative integer, got "ten"');
    expect(() => parseFlags('demo', ['--epochs', '-1'], spec)).toThrow(UsageError);
    expect(() => parseFlags('demo', ['--epochs', '2.5'], spec)).toThrow(UsageError);
    expect(() => parseFlags('demo', ['extra'], spec)).toThrow(UsageError);
  });
});
