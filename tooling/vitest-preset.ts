import { fileURLToPath } from 'node:url';
import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

const setupFile = fileURLToPath(new URL('./vitest-setup.ts', import.meta.url));

/**
 * The test setup every package and app shares: co-located `src/**\/*.test.ts`, the workspace packages
 * resolved from their sources (the `source` export condition, so tests need no build), the
 * `toBeAllClose` matcher, and a timeout that tolerates a loaded 2-core machine.
 */
export function packageTests(overrides: UserWorkspaceConfig['test'] = {}) {
  return defineProject({
    resolve: { conditions: ['source'] },
    ssr: { resolve: { conditions: ['source'] } },
    test: { include: ['src/**/*.test.ts'], setupFiles: [setupFile], testTimeout: 30_000, ...overrides },
  });
}
