/** The workloads of the bench, in the order they run. */
export const WORKLOADS = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W8', 'W9'] as const;
export type WorkloadId = (typeof WORKLOADS)[number];

export interface Flags {
  /** Fewer sizes and samples, no 5-epoch accuracy runs: the whole run stays under 2 minutes. */
  readonly quick: boolean;
  /** Where to write the JSON results; undefined: the default, apps/bench/results/latest.json. */
  readonly jsonPath: string | undefined;
  /** The workloads to run, in run order. */
  readonly only: readonly WorkloadId[];
  readonly help: boolean;
  /** Hold one core with a CPU-bound child process for the whole run (see `startBusyProcess`). */
  readonly busy: boolean;
  /** W2 and W4 in headless Chromium instead of every workload in Node (browser-run.ts). */
  readonly browser: boolean;
}

export const USAGE = `usage: pnpm bench [--quick] [--json <file>] [--only W1,W2,W3,W4,W5,W6,W7,W8,W9] [--busy] [--browser]
  --quick         fewer sizes and samples, no 5-epoch accuracy runs (< 2 minutes)
  --json <file>   where to write the results as JSON (default: apps/bench/results/latest.json)
  --only <list>   run only these workloads, e.g. --only W1,W3
  --busy          hold one core with a CPU-bound child process for the whole run (threads on a busy machine)
  --browser       W2 and W4 in headless Chromium: wasm on 1 and N threads (Web Workers), gpu.js WebGL, tfjs wasm
  --help          this text`;

/** Parses the command line; throws an Error that names the bad argument and shows USAGE. */
export function parseFlags(argv: readonly string[]): Flags {
  let quick = false;
  let help = false;
  let busy = false;
  let browser = false;
  let jsonPath: string | undefined;
  let only: readonly WorkloadId[] = WORKLOADS;
  const fail = (message: string): never => {
    throw new Error(`${message}\n${USAGE}`);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) fail(`${name} needs a value`);
      i++;
      return next;
    };
    switch (name) {
      case '--': // pnpm may pass the separator through
        break;
      case '--quick':
        quick = true;
        break;
      case '--busy':
        busy = true;
        break;
      case '--browser':
        browser = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      case '--json': {
        const file = value();
        if (file === '') fail('--json needs a file name');
        jsonPath = file;
        break;
      }
      case '--only':
        only = parseOnly(value(), fail);
        break;
      default:
        fail(`unknown argument '${arg}'`);
    }
  }
  return { quick, jsonPath, only, help, busy, browser };
}

function parseOnly(list: string, fail: (message: string) => never): WorkloadId[] {
  const wanted = new Set<WorkloadId>();
  for (const part of list.split(',').map((s) => s.trim().toUpperCase())) {
    if (part === '') continue;
    const id = (/^\d$/.test(part) ? `W${part}` : part) as WorkloadId;
    if (!WORKLOADS.includes(id)) fail(`--only: unknown workload '${part}'; known: ${WORKLOADS.join(', ')}`);
    wanted.add(id);
  }
  if (wanted.size === 0) fail('--only needs at least one workload');
  return WORKLOADS.filter((w) => wanted.has(w));
}
