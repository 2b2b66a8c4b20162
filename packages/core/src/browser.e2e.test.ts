import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FolderServer, collectMessages, findChromium, launchChromium, serveFolder, skipNote } from '../../../tooling/browser-harness';

// The backends in a real headless Chromium: a page that imports @nn/core, bundled by esbuild for the
// browser from the sources (the `source` condition; `browser` picks @nn/gpu's Web Worker thread host),
// with code splitting, as an app's bundler would. It trains one small seeded MLP on the cpu, the
// threaded wasm and the gpu.js backend; served cross-origin isolated (COOP/COEP) the wasm backend runs
// its helper threads as Web Workers over a SharedArrayBuffer, served plainly it falls back to one
// thread and says why. Skipped, with the reason, where there is no Chromium.

/**
 * The page: `window.train(name)` trains a 64-128-10 tanh MLP (initialized from seed 7) for 30
 * full-batch SGD steps on 128 seeded samples and returns the loss before each step. The products are
 * 128·64·128 ≈ 1.0M multiply-adds, above the wasm backend's threading crossover (2¹⁹), so the threaded
 * backend really splits them. `window.parity()` multiplies two 300×300 matrices on the threaded and the
 * one-thread wasm backend.
 */
const PAGE = `
import * as nn from './index.ts';

const STEPS = 30;
let wasmThreaded;
async function backend(name) {
  if (name === 'cpu') return nn.useBackend('cpu');
  if (name === 'gpu') return nn.useBackend('gpu');
  wasmThreaded ??= await nn.createWasmBackend({ threads: 2 });
  nn.setBackend(wasmThreaded);
  return wasmThreaded;
}

window.train = async (name) => {
  const b = await backend(name);
  // NOTE: read before training: a loaded machine may starve the helpers, and the backend then runs on one thread for a while
  const { threads } = b;
  const rng = nn.createRng(7);
  const x = nn.randn([128, 64], { rng });
  const y = nn.randn([128, 10], { rng, std: 0.5 });
  const model = nn.sequential(nn.dense(64, 128, { rng }), nn.activation('tanh'), nn.dense(128, 10, { rng }));
  const optimizer = nn.sgd(0.05);
  let state = optimizer.init(model.params);
  const losses = [];
  for (let step = 0; step < STEPS; step++) {
    const { value, grads } = nn.valueAndGrad(() => nn.meanSquaredError(model.forward(x), y), model.params);
    losses.push(value.dataSync()[0]);
    let updates;
    [updates, state] = optimizer.update(grads, state, model.params);
    nn.applyUpdates(model.params, updates);
  }
  return { backend: b.name, mode: b.mode, threads, singleThreadReason: b.singleThreadReason, losses };
};

window.parity = async () => {
  const threaded = await backend('wasm');
  const single = await nn.createWasmBackend({ threads: 1 });
  // NOTE: helpers measured starved on a loaded machine sit out for a while: wait for them, so that the product is split
  for (let i = 0; i < 500 && threaded.threads < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  const { threads } = threaded;
  const rng = nn.createRng(3);
  const a = { data: nn.randn([300, 300], { rng }).dataSync(), shape: [300, 300], dtype: 'float32' };
  const attrs = { transposeA: false, transposeB: true };
  const out = { shape: [300, 300], dtype: 'float32' };
  const one = single.kernels.matmul([a, a], attrs, out);
  const two = threaded.kernels.matmul([a, a], attrs, out);
  let differ = 0;
  for (let i = 0; i < one.length; i++) if (one[i] !== two[i]) differ++;
  return { threads, differ, sum: one.reduce((s, v) => s + v, 0) };
};

window.gpuModes = async () => {
  const rng = nn.createRng(5);
  const a = nn.randn([33, 70], { rng });
  const b = nn.randn([70, 17], { rng });
  nn.setBackend(nn.cpuBackend);
  const want = nn.tanh(nn.matmul(a, b)).dataSync();
  const modes = {};
  for (const mode of ['auto', 'webgl2', 'webgl', 'cpu', 'webgpu']) {
    try {
      const backend = await nn.createGpuBackend({ mode });
      nn.setBackend(backend);
      const got = nn.tanh(nn.matmul(a, b)).dataSync();
      let worst = 0;
      for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
      modes[mode] = { name: backend.name, worst };
    } catch (error) {
      modes[mode] = { error: error.message };
    }
  }
  nn.setBackend(nn.cpuBackend);
  return modes;
};

window.inWorker = () => new Promise((resolve, reject) => {
  const worker = new Worker('./worker.js', { type: 'module' });
  worker.onmessage = (event) => resolve(event.data);
  worker.onerror = (event) => reject(new Error(event.message));
  worker.postMessage('go');
});

window.ready = true;
`;

/**
 * A dedicated worker, where training runs so that a page never freezes: both ways of making the threaded
 * wasm backend there (its helpers are then workers of a worker), each product checked bit for bit
 * against the one-thread backend.
 */
const WORKER = `
import { createWasmBackend, createWasmBackendSync } from '@nn/gpu';

const n = 300;
const a = { data: Float32Array.from({ length: n * n }, (_, i) => (i % 7) - 3), shape: [n, n], dtype: 'float32' };
const product = (backend) => backend.kernels.matmul([a, a], { transposeA: false, transposeB: true }, { shape: [n, n], dtype: 'float32' });
const same = (x, y) => x.length === y.length && x.every((v, i) => v === y[i]);

self.onmessage = async () => {
  const single = product(await createWasmBackend({ threads: 1 }));
  const sync = createWasmBackendSync({ threads: 2 });
  const syncAtOnce = sync.threads;
  const syncBefore = same(product(sync), single);
  for (let i = 0; i < 1000 && sync.threads < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  const syncLater = sync.threads;
  const threaded = await createWasmBackend({ threads: 2 });
  postMessage({
    sync: { atOnce: syncAtOnce, later: syncLater, reason: sync.singleThreadReason, sameBefore: syncBefore, sameAfter: same(product(sync), single) },
    async: { threads: threaded.threads, reason: threaded.singleThreadReason, same: same(product(threaded), single) },
  });
};
`;

const chromium = findChromium();
const coreSrc = fileURLToPath(new URL('.', import.meta.url));
let outDir: string;
/** The output chunk that holds gpu.js (code splitting puts the lazily imported library in its own file). */
let gpuJsChunk: string;
let isolated: FolderServer;
let plain: FolderServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  if (!chromium.executablePath) return;
  outDir = mkdtempSync(join(tmpdir(), 'nn-browser-e2e-'));
  const result = await esbuild.build({
    stdin: { contents: PAGE, resolveDir: coreSrc, sourcefile: 'page.js', loader: 'js' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['source'],
    target: 'es2022',
    outdir: outDir,
    entryNames: 'page',
    metafile: true,
    logLevel: 'silent',
  });
  await esbuild.build({
    stdin: { contents: WORKER, resolveDir: coreSrc, sourcefile: 'worker.js', loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['source'],
    target: 'es2022',
    outfile: join(outDir, 'worker.js'),
    logLevel: 'silent',
  });
  const chunk = Object.entries(result.metafile.outputs).find(([, o]) => Object.keys(o.inputs).some((i) => i.includes('/gpu.js/')));
  gpuJsChunk = chunk ? `/${relative(outDir, chunk[0])}` : '(no chunk holds gpu.js)';
  writeFileSync(join(outDir, 'index.html'), '<!doctype html><link rel="icon" href="data:,"><script type="module" src="./page.js"></script>');
  [isolated, plain, browser] = await Promise.all([serveFolder(outDir, { isolated: true }), serveFolder(outDir), launchChromium(chromium)]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([isolated?.close(), plain?.close()]);
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe.skipIf(!chromium.executablePath)(`the backends in headless Chromium${skipNote(chromium)}`, () => {
  it('trains the same MLP to the same losses on cpu, threaded wasm (Web Workers) and gpu.js WebGL, on a cross-origin isolated page', async () => {
    const page = await browser.newPage();
    const messages = collectMessages(page);
    await page.goto(`${isolated.url}/`);
    await page.waitForFunction(() => (window as { ready?: boolean }).ready === true);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    type Run = { backend: string; mode?: string; threads?: number; singleThreadReason?: string; losses: number[] };
    const train = (name: string) => page.evaluate((n) => (window as unknown as { train(n: string): Promise<Run> }).train(n), name);

    const cpu = await train('cpu');
    const wasm = await train('wasm');
    expect(isolated.requests, 'gpu.js is fetched only when the gpu backend is asked for').not.toContain(gpuJsChunk);
    const gpu = await train('gpu');
    expect(isolated.requests).toContain(gpuJsChunk);
    expect(isolated.requests.filter((r) => r.endsWith('.wasm')), 'the wasm kernels come inside the bundle').toEqual([]);

    expect([cpu.backend, wasm.backend, gpu.backend]).toEqual(['cpu', 'wasm', 'gpu.js:webgl2']);
    expect(gpu.mode).toBe('webgl2');
    expect([wasm.threads, wasm.singleThreadReason]).toEqual([2, undefined]);
    // the loss falls: 30 steps of plain SGD at 0.05 on a 64-128-10 network
    expect(cpu.losses[29]).toBeLessThan(0.8 * cpu.losses[0]);
    // float32 everywhere; the wasm GEMM and the GL shaders sum in other orders than the JS loops, and
    // 30 steps carry the differences along. Measured: 1.3e-7 relative at most (wasm), 8.7e-7 (gpu.js
    // WebGL2 on SwiftShader); stated: 1e-5 and 1e-4 (a real GPU may round its shaders differently)
    expect(wasm.losses).toBeAllClose(cpu.losses, { rtol: 1e-5, atol: 0 });
    expect(gpu.losses).toBeAllClose(cpu.losses, { rtol: 1e-4, atol: 0 });
    expect(messages.filter((m) => m.startsWith('error') || m.startsWith('pageerror') || m.startsWith('warning'))).toEqual([]);

    // a product split between the page's main thread and a Web Worker is bit for bit the one-thread one
    const parity = await page.evaluate(() => (window as unknown as { parity(): Promise<{ threads: number; differ: number; sum: number }> }).parity());
    expect(parity).toEqual({ threads: 2, differ: 0, sum: expect.any(Number) });
    await page.close();
  }, 60_000);

  it('runs gpu.js on WebGL2, WebGL1 or its CPU kernels, as asked, and refuses WebGPU saying why', async () => {
    const page = await browser.newPage();
    await page.goto(`${isolated.url}/`);
    await page.waitForFunction(() => (window as { ready?: boolean }).ready === true);
    type Mode = { name?: string; worst?: number; error?: string };
    const modes = await page.evaluate(() => (window as unknown as { gpuModes(): Promise<Record<string, Mode>> }).gpuModes());
    // tanh(A·B) for a 33×70 by 70×17 product of N(0, 1) entries, against the CPU backend: float32 sums of 70 terms
    const close = { name: expect.any(String), worst: expect.toSatisfy((w: number) => w < 1e-5) };
    expect(modes).toEqual({
      auto: { ...close, name: 'gpu.js:webgl2' },
      webgl2: { ...close, name: 'gpu.js:webgl2' },
      webgl: { ...close, name: 'gpu.js:webgl' },
      cpu: { ...close, name: 'gpu.js:cpu' },
      webgpu: { error: expect.stringContaining("createGpuBackend: mode 'webgpu' is unavailable") },
    });
    expect(modes.webgpu.error).toMatch(/gpu\.js's webgpu kernels return Promises .* the @nn Backend contract is synchronous/);
    await page.close();
  }, 60_000);

  it('runs the threaded wasm backend inside a Web Worker: made async, its helpers start at once; made sync, it returns at once on one thread and its helpers join when they have started', async () => {
    const page = await browser.newPage();
    const messages = collectMessages(page);
    await page.goto(`${isolated.url}/`);
    await page.waitForFunction(() => (window as { ready?: boolean }).ready === true);
    const result = await page.evaluate(() => (window as unknown as { inWorker(): Promise<unknown> }).inWorker());
    expect(result).toEqual({
      // NOTE: a browser starts a worker's own workers only once it returns to its event loop: waiting
      // for them synchronously (as createWasmBackendSync does in Node) would only block
      sync: { atOnce: 1, later: 2, reason: undefined, sameBefore: true, sameAfter: true },
      async: { threads: 2, reason: undefined, same: true },
    });
    expect(messages).toEqual([]);
    await page.close();
  }, 60_000);

  it('falls back to one thread with a warning that names the reason on a page that is not cross-origin isolated', async () => {
    const page = await browser.newPage();
    const messages = collectMessages(page);
    await page.goto(`${plain.url}/`);
    await page.waitForFunction(() => (window as { ready?: boolean }).ready === true);
    const wasm = await page.evaluate(() => (window as unknown as { train(n: string): Promise<{ threads: number; singleThreadReason?: string; losses: number[] }> }).train('wasm'));
    const reason =
      'the page is not cross-origin isolated, so it has no SharedArrayBuffer (serve it with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)';
    expect([wasm.threads, wasm.singleThreadReason]).toEqual([1, reason]);
    expect(messages).toEqual([`warning: createWasmBackend: running on one thread instead of 2: ${reason}`]);
    expect(plain.requests).not.toContain(gpuJsChunk);
    await page.close();
  }, 60_000);
});
