import { examples, usage } from './examples';
import { UsageError } from './flags';

/** Runs one course example by name: `examples mnist-mlp --quick`; without a name, lists them. */
const [name, ...args] = process.argv.slice(2);
const example = name === undefined ? undefined : examples[name];
if (example === undefined) {
  const help = name === undefined || name === '--help' || name === '-h';
  (help ? console.log : console.error)(`${help ? '' : `unknown example ${JSON.stringify(name)}\n`}${usage()}`);
  process.exitCode = help ? 0 : 1;
} else {
  try {
    await example.run(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${usage()}`);
    process.exitCode = 2;
  }
}
