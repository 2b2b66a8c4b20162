import { parseArgs } from 'node:util';

/** A command line an example cannot use: main prints the message and the usage, and exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface FlagSpec<N extends string, S extends string> {
  /** Flags that take a non-negative integer: `--epochs 10`. */
  readonly integers?: readonly N[];
  /** On/off switches: `--quick`. */
  readonly switches?: readonly S[];
}

export type Flags<N extends string, S extends string> = { readonly [K in N]?: number } & { readonly [K in S]: boolean };

/**
 * The flags of one example's command line (`examples mnist-mlp --epochs 3 --quick`): integer flags
 * are absent when not given, switches false. Anything else is a {@link UsageError} naming it.
 */
export function parseFlags<N extends string = never, S extends string = never>(
  example: string,
  args: readonly string[],
  { integers = [], switches = [] }: FlagSpec<N, S>,
): Flags<N, S> {
  const options = Object.fromEntries([
    ...integers.map((name) => [name, { type: 'string' as const }]),
    ...switches.map((name) => [name, { type: 'boolean' as const }]),
  ]);
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: [...args], options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${example}: ${(error as Error).message}`);
  }
  const flags: Record<string, number | boolean | undefined> = {};
  for (const name of integers) {
    const raw = values[name];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (typeof raw !== 'string' || !/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value)) {
      throw new UsageError(`${example}: --${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
    }
    flags[name] = value;
  }
  for (const name of switches) flags[name] = values[name] === true;
  return flags as Flags<N, S>;
}
