/**
 * The parts of @nn that other engineers are still writing, found at run time so that the bench runs
 * (and says "n/a") without them:
 * - `lenet5({ activation, pooling, rng })` (from @nn/conv) — used only when @nn/core re-exports it;
 * - `createWasmBackend()` (from @nn/gpu) — from @nn/core, else from @nn/gpu when it resolves.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as core from '@nn/core';
import type { Backend, Layer, Rng } from '@nn/core';

/** The documented API of @nn/conv's LeNet-5 builder, as the bench calls it. */
export type Lenet5 = (options: { activation: 'relu'; pooling: 'max'; rng: Rng }) => Layer;

export type Found<T> = { readonly ok: true; readonly value: T; readonly source: string } | { readonly ok: false; readonly reason: string };

/** `lenet5` when @nn/core exports it; otherwise the reason, 'needs @nn/conv'. */
export function findLenet5(mod: Readonly<Record<string, unknown>> = core as unknown as Record<string, unknown>): Found<Lenet5> {
  const fn = mod.lenet5;
  return typeof fn === 'function' ? { ok: true, value: fn as Lenet5, source: '@nn/core' } : { ok: false, reason: 'needs @nn/conv' };
}

/** A module that may export `createWasmBackend`, and where it came from. */
export interface Candidate {
  readonly source: string;
  readonly load: () => Promise<Readonly<Record<string, unknown>>>;
}

// A variable specifier keeps the bundler from resolving @nn/gpu at build time: it is not a dependency.
const gpuSpecifier = '@nn/gpu';

/**
 * Where `createWasmBackend` may come from, first match wins: @nn/core; @nn/gpu resolved from the bench
 * (once it depends on it), then from @nn/core (which does); last, the workspace's packages/gpu/dist.
 */
export const defaultCandidates: readonly Candidate[] = [
  { source: '@nn/core', load: async () => core as unknown as Record<string, unknown> },
  { source: '@nn/gpu', load: () => import(/* @vite-ignore */ gpuSpecifier) },
  {
    source: '@nn/gpu (dependency of @nn/core)',
    load: () => import(/* @vite-ignore */ pathToFileURL(createRequire(import.meta.resolve('@nn/core')).resolve(gpuSpecifier)).href),
  },
  { source: 'packages/gpu/dist (workspace)', load: () => import(/* @vite-ignore */ new URL('../../../packages/gpu/dist/index.js', import.meta.url).href) },
];

/**
 * The @nn WebAssembly backend, made by the first candidate that exports `createWasmBackend` (sync or
 * async, called with `options`); otherwise why not. Never throws.
 */
export async function findWasmBackend(candidates: readonly Candidate[] = defaultCandidates, options: { threads?: number } = {}): Promise<Found<Backend>> {
  const tried: string[] = [];
  for (const { source, load } of candidates) {
    let mod: Readonly<Record<string, unknown>>;
    try {
      mod = await load();
    } catch {
      tried.push(`${source}: not found`);
      continue;
    }
    const create = mod.createWasmBackend;
    if (typeof create !== 'function') {
      tried.push(`${source}: no createWasmBackend`);
      continue;
    }
    try {
      const backend = (await create(options)) as Backend;
      if (!isBackend(backend)) return { ok: false, reason: `createWasmBackend from ${source} did not return a Backend` };
      return { ok: true, value: backend, source };
    } catch (error) {
      return { ok: false, reason: `createWasmBackend from ${source} failed: ${messageOf(error)}` };
    }
  }
  return { ok: false, reason: `createWasmBackend not exported (${tried.join('; ')})` };
}

function isBackend(b: unknown): b is Backend {
  const x = b as Partial<Backend> | null | undefined;
  return typeof x === 'object' && x !== null && typeof x.name === 'string' && typeof x.kernels === 'object'
    && typeof x.upload === 'function' && typeof x.download === 'function';
}

export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].slice(0, 160);
}
