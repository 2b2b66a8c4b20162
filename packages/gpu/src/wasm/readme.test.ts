import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readmeExamples, runReadmeExample } from '../../../../tooling/readme-examples';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

describe('README examples of the WebAssembly SIMD backend', () => {
  const examples = readmeExamples(`${packageDir}/README.md`).filter((example) => example.code.includes('createWasmBackend'));
  it('has one', () => expect(examples.length).toBeGreaterThan(0));
  examples.forEach((example, i) => {
    it(`example ${i + 1} runs and prints what the README says`, async () => {
      expect(await runReadmeExample(example, packageDir)).toEqual(example.expectedOutput);
    });
  });
});
