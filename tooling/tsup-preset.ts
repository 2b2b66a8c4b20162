import { defineConfig, type Options } from 'tsup';

/**
 * The build every @nn package shares: ESM only, .d.ts, sourcemaps, for ES2022; vitest stays external,
 * and so do the package's own `#…` subpath imports: they name a Node and a browser form of one module
 * (package.json `imports`), and the consumer's runtime or bundler picks one by its conditions. Bundling
 * them here would fix the Node form into dist. Both forms must be entries of the build.
 */
export function packageBuild(entry: Record<string, string>, overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    external: ['vitest', /^#/],
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
