import { main as cafeteria } from './cafeteria';

/** Runs one course example by name: `examples cafeteria`. */
const examples: Record<string, () => void | Promise<void>> = { cafeteria };

const name = process.argv[2];
const run = name === undefined ? undefined : examples[name];
if (run === undefined) {
  console.error(`usage: examples <name>\navailable: ${Object.keys(examples).join(', ')}`);
  process.exitCode = name === undefined || name === '--help' ? 0 : 1;
} else {
  await run();
}
