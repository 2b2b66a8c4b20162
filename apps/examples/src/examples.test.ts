import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { examples, usage } from './examples';

describe('examples', () => {
  const names = Object.keys(examples);

  it('lists every example, with its flags, in the usage message', () => {
    for (const [name, { flags }] of Object.entries(examples)) expect(usage()).toContain(`  ${name}${flags === '' ? '' : ` ${flags}`}\n`);
  });

  it('has a row in the README for every example', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const rows = [...readme.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual(names);
  });

  it('refuses flags an example does not take', async () => {
    await expect(async () => examples['perceptron-xor'].run(['--quick'])).rejects.toThrow(/^perceptron-xor: .*'--quick'/);
    await expect(async () => examples.cafeteria.run(['--seed', '1'])).rejects.toThrow('cafeteria:');
  });
});
