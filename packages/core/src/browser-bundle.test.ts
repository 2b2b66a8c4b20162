import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import * as esbuild from 'esbuild';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every package's entry points bundle for the browser with no configuration: esbuild, as a page's
// bundler would (platform 'browser', so the `browser` condition; Vite resolves the same way), from the
// built dist folders (`pnpm test` builds them first), through a throw-away app whose node_modules link
// every workspace package. Entries that are Node-only or test-only by design are left out: './node'
// (@nn/eval's worker pool) and './testing' (vitest helpers).

const packagesDir = fileURLToPath(new URL('../..', import.meta.url));
const NODE_ONLY_ENTRIES = new Set(['./node', './testing', './package.json']);
/** Node-only dependencies that a browser bundle must never contain. */
const NODE_ONLY_PACKAGES = ['cli-progress', 'tinypool'];
const builtins = new Set(builtinModules.filter((m) => !m.startsWith('_')));

interface Entry {
  readonly spec: string;
  readonly dir: string;
  readonly dist: string;
}

const entries: Entry[] = readdirSync(packagesDir).flatMap((folder) => {
  const file = join(packagesDir, folder, 'package.json');
  if (!existsSync(file)) return [];
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name: string; exports?: Record<string, string | Record<string, string>> };
  return Object.entries(pkg.exports ?? {})
    .filter(([subpath]) => !NODE_ONLY_ENTRIES.has(subpath))
    .map(([subpath, target]) => ({
      spec: pkg.name + subpath.slice(1),
      dir: join(packagesDir, folder),
      dist: join(packagesDir, folder, typeof target === 'string' ? target : target.default),
    }));
});

let app: string;
const bundles = new Map<string, { errors: string[]; text: string; inputs: string[] }>();

async function bundle(spec: string, format: 'esm' | 'iife' = 'esm') {
  try {
    const result = await esbuild.build({
      stdin: { contents: format === 'esm' ? `export * from '${spec}';` : `export * as nn from '${spec}';`, resolveDir: app, loader: 'js' },
      bundle: true,
      platform: 'browser',
      format,
      globalName: format === 'iife' ? 'bundle' : undefined,
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    return { errors: [], text: result.outputFiles[0].text, inputs: Object.keys(result.metafile.inputs) };
  } catch (e) {
    const errors = (e as esbuild.BuildFailure).errors ?? [{ text: String(e), location: null }];
    return { errors: errors.map((m) => `${m.text}${m.location ? ` (imported by ${m.location.file})` : ''}`), text: '', inputs: [] };
  }
}

/**
 * Where the output still names a Node built-in: a static import, an `import()` or a `require()` of one
 * (what a bundler leaves behind when it did not resolve it, e.g. tsup's `__require` shim), or any other
 * `node:` string. The only `node:` strings allowed are @nn/gpu's, each reached only in Node and never
 * resolved by a bundler: `process.getBuiltinModule?.('node:…')` (undefined in a browser), the source
 * text of its worker threads, and the non-literal `import(specifier)` of 'node:module' behind its
 * `isNode()` checks.
 */
function nodeReferences(text: string): string[] {
  const found: string[] = [];
  const names = [...builtins].map((b) => b.replace(/[/]/g, '\\/')).join('|');
  const call = new RegExp(`(?:\\bfrom|\\bimport|require)\\s*\\(?\\s*["'\`]((?:node:)?(?:${names}))["'\`]`, 'g');
  for (const m of text.matchAll(call)) {
    if (!isGpuWorkerSource(text, m.index)) found.push(m[0]);
  }
  for (const m of text.matchAll(/["'`]node:[\w/]+["'`]/g)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const required = /require\($/.test(before) && isGpuWorkerSource(text, m.index - 'require('.length);
    if (/getBuiltinModule\?\.\($/.test(before) || required || isGpuModuleSpecifier(text, m.index)) continue;
    if (!found.some((f) => f.includes(m[0]))) found.push(`${before}${m[0]}`);
  }
  return found;
}

/** Inside the source text of a worker thread (@nn/gpu's helpers, its trial workers): a string, run by a Node worker. */
function isGpuWorkerSource(text: string, at: number): boolean {
  return /\n\s*(?:const \{ workerData \} = |var parentPort = )$/.test(text.slice(Math.max(0, at - 40), at));
}

/** @nn/gpu's `const specifier = 'node:module'`, imported with a non-literal `import()` in Node only. */
function isGpuModuleSpecifier(text: string, at: number): boolean {
  return text.slice(at, at + 13) === '"node:module"' && /import\(\s*(?:\/\*[^*]*\*\/\s*)?\w+\s*\)/.test(text.slice(at, at + 160));
}

beforeAll(async () => {
  const missing = entries.filter((e) => !existsSync(e.dist)).map((e) => `${e.spec} (${e.dist})`);
  if (missing.length > 0) throw new Error(`build the packages first (pnpm test runs turbo run build): no dist for ${missing.join(', ')}`);
  app = mkdtempSync(join(tmpdir(), 'nn-browser-app-'));
  for (const { spec, dir } of entries) {
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    const link = join(app, 'node_modules', name);
    if (existsSync(link)) continue;
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(dir, link, 'dir');
  }
  const results = await Promise.all(entries.map(async ({ spec }) => [spec, await bundle(spec)] as const));
  for (const [spec, result] of results) bundles.set(spec, result);
}, 60_000);

afterAll(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

describe('browser bundles', () => {
  it.each(entries.map((e) => e.spec))('%s bundles for the browser without reaching a Node built-in', (spec) => {
    const { errors, text, inputs } = bundles.get(spec)!;
    expect(errors, `esbuild --platform=browser of ${spec}`).toEqual([]);
    expect(inputs.filter((f) => NODE_ONLY_PACKAGES.some((p) => f.includes(`/node_modules/${p}/`)) || /\/dist\/[^/]*\.node\.js$/.test(f)), 'Node-only modules in the bundle').toEqual([]);
    expect(nodeReferences(text), 'Node built-ins named in the output').toEqual([]);
  });

  it('the check sees a Node built-in left in the output', () => {
    expect(nodeReferences('import{readFile as r}from"node:fs/promises";')).toEqual(['from"node:fs/promises"']);
    expect(nodeReferences('var z=__require("zlib");')).toEqual(['require("zlib"']);
    expect(nodeReferences('let p=await import("node:path")')).toEqual(['import("node:path"']);
    expect(nodeReferences('const x="node:fs";')).toEqual(['const x="node:fs"']);
  });

  it('esbuild refuses a Node built-in for the browser (what the first check relies on)', async () => {
    const failed = await esbuild
      .build({ stdin: { contents: "import('node:fs/promises');", resolveDir: app }, bundle: true, platform: 'browser', write: false, logLevel: 'silent' })
      .then(() => [], (e: esbuild.BuildFailure) => e.errors.map((m) => m.text));
    expect(failed).toEqual([expect.stringContaining('Could not resolve "node:fs/promises"')]);
  });

  it('runs @nn/core in a context with no Node globals: trains with its progress lines, saves to IndexedDB and loads back bit for bit; save(dir) says what to use instead', async () => {
    const { errors, text } = await bundle('@nn/core', 'iife');
    expect(errors).toEqual([]);
    const indexedDB = new IDBFactory();
    const lines: string[] = [];
    const page = { console: { log: (line: string) => lines.push(line) }, TextEncoder, TextDecoder, URL, Blob, performance, setTimeout, clearTimeout, queueMicrotask, structuredClone, indexedDB };
    const run = runInNewContext(`${text}
      (async () => {
        const { nn } = bundle;
        if (typeof process !== 'undefined' || typeof require !== 'undefined') throw new Error('not a browser-like context');
        const rng = nn.createRng(1);
        const model = nn.sequential(nn.dense(2, 4, { rng }), nn.activation('tanh'), nn.dense(4, 1, { rng }));
        const x = nn.tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
        const y = nn.tensor([[0], [1], [1], [0]]);
        await nn.fit(model, nn.dataset(x, y), { loss: nn.meanSquaredError, optimizer: nn.sgd(0.5), epochs: 3, batchSize: 4 });
        await nn.saveToIndexedDB(model, 'xor');
        const loaded = await nn.loadFromIndexedDB('xor');
        const saveError = await nn.save(model, '/models/xor').then(() => 'saved', (e) => e.message);
        return { before: Array.from(nn.predict(model, x).dataSync()), after: Array.from(nn.predict(loaded, x).dataSync()), saveError };
      })()`, page);
    const { before, after, saveError } = await run;
    expect(after).toEqual(before);
    // the default progress display, in its browser form: one plain line per epoch on the console
    expect(lines).toEqual([1, 2, 3].map((epoch) => expect.stringMatching(new RegExp(`^epoch ${epoch}/3  loss \\d\\.\\d{4}  `))));
    expect(saveError).toBe(
      'save: a model folder on disk needs Node (a browser has no file system); in a browser use saveToIndexedDB / loadFromIndexedDB, or modelToFiles / downloadModel and modelFromFiles',
    );
  }, 30_000);
});
