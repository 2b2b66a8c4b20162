import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readmeExamples, runReadmeExample } from '../../../tooling/readme-examples';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('README examples', () => {
  readmeExamples(`${packageDir}/README.md`).forEach((example, i) => {
    it(`example ${i + 1} runs and prints what the README says`, async () => {
      expect(await runReadmeExample(example, packageDir)).toEqual(example.expectedOutput);
    });
  });
});
