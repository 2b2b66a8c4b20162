import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

/** One ```ts block of a README, with the lines it promises to print (`// prints: …` comments). */
export interface ReadmeExample {
  readonly code: string;
  readonly expectedOutput: string[];
}

/** Every ```ts block of `readmePath`, in order. */
export function readmeExamples(readmePath: string): ReadmeExample[] {
  const text = readFileSync(readmePath, 'utf8');
  const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.map((code) => ({
    code,
    expectedOutput: [...code.matchAll(/\/\/ prints: (.*)$/gm)].map((m) => m[1].trim()),
  }));
}

/**
 * Runs one README example as a module placed in `packageDir` (so its imports resolve as a user's
 * would) and returns what it logged, one string per console.log call, formatted as Node prints it.
 */
export async function runReadmeExample(example: ReadmeExample, packageDir: string): Promise<string[]> {
  const dir = mkdtempSync(join(packageDir, '.readme-example-'));
  const file = join(dir, 'example.ts');
  writeFileSync(file, example.code);
  const logged: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => logged.push(format(...args));
  try {
    await import(/* @vite-ignore */ pathToFileURL(file).href);
  } finally {
    console.log = original;
    rmSync(dir, { recursive: true, force: true });
  }
  return logged;
}
