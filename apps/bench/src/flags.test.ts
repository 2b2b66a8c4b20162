import { describe, expect, it } from 'vitest';
import { parseFlags } from './flags';

describe('parseFlags', () => {
  it('defaults to the full run of every workload and the default JSON file', () => {
    expect(parseFlags([])).toEqual({ quick: false, jsonPath: undefined, only: ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W8', 'W9'], help: false, busy: false, browser: false });
  });

  it('reads --quick, --json <file> and --only <list>, in any order', () => {
    expect(parseFlags(['--only', 'W3,W1', '--quick', '--json', 'out.json'])).toEqual({
      quick: true,
      jsonPath: 'out.json',
      only: ['W1', 'W3'],
      help: false,
      busy: false,
      browser: false,
    });
  });

  it('accepts --flag=value, lower case and bare numbers in --only, and the -- separator', () => {
    const flags = parseFlags(['--', '--only=w2, 4', '--json=r.json']);
    expect(flags.only).toEqual(['W2', 'W4']);
    expect(flags.jsonPath).toBe('r.json');
  });

  it('rejects unknown arguments, unknown workloads and missing values with the usage', () => {
    expect(() => parseFlags(['--fast'])).toThrow(/unknown argument '--fast'[\s\S]*usage/);
    expect(() => parseFlags(['--only', 'W99'])).toThrow(/unknown workload 'W99'/);
    expect(() => parseFlags(['--only', ','])).toThrow(/at least one workload/);
    expect(() => parseFlags(['--json'])).toThrow(/--json needs a value/);
    expect(() => parseFlags(['--json', '--quick'])).toThrow(/--json needs a value/);
  });

  it('reads --busy', () => {
    expect(parseFlags(['--busy', '--only', 'W2']).busy).toBe(true);
  });

  it('reads --browser', () => {
    expect(parseFlags(['--browser', '--quick']).browser).toBe(true);
  });

  it('reads --help', () => {
    expect(parseFlags(['--help']).help).toBe(true);
  });
});
