import { defineProject } from 'vitest/config';

/** The browser harness's own test (tooling/ holds no package; the root config lists this project). */
export default defineProject({
  test: { name: 'browser-harness', include: ['browser-harness.test.ts'], testTimeout: 30_000 },
});
