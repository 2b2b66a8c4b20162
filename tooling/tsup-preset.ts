import { defineConfig, type Options } from 'tsup';

/** The build every @nn package shares: ESM only, .d.ts, sourcemaps, for ES2022; vitest stays external. */
export function packageBuild(entry: Record<string, string>, overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    external: ['vitest'],
    ...overrides,
  });
}

/** The build of an app: one executable ESM bundle, no declarations. */
export function appBuild(entry: Record<string, string>, overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm'],
    sourcemap: true,
    clean: true,
    target: 'es2022',
    banner: { js: '#!/usr/bin/env node' },
    ...overrides,
  });
}
