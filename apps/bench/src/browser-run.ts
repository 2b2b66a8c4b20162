/**
 * `pnpm bench --browser`: W2 and W4 inside headless Chromium. The page (browser-page.ts) is bundled with
 * esbuild for the browser from the built @nn packages (code splitting, as an app's bundler would), served
 * cross-origin isolated (COOP/COEP, so the wasm backend's helpers are Web Workers over a
 * SharedArrayBuffer and tfjs wasm may use its threaded build) with the same MNIST digits as the Node run
 * as binary files and tfjs-backend-wasm's .wasm files, then driven through the shared harness
 * (tooling/browser-harness.ts). Prints a table per workload and writes the figures as JSON.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectMessages, findChromium, launchChromium, serveFolder } from '../../../tooling/browser-harness';
import type { BrowserBenchOptions, BrowserBenchResult } from './browser-page';
import { loadBenchData } from './data';
import type { Flags } from './flags';
import type { Plan } from './plan';
import { type Figure, workloadTable } from './table';

/** What the page measures for `plan` (the Node run's plan, full or --quick): gpu.js on a software GL gets a tenth of the samples. */
export function browserOptions(plan: Plan, only: readonly string[]): BrowserBenchOptions {
  const train = { ...plan.mlp.batched, accuracyEpochs: 0 };
  const trainGpu = { warmup: Math.max(64, Math.round(train.warmup / 10 / 64) * 64), timed: Math.max(128, Math.round(train.timed / 10 / 64) * 64), accuracyEpochs: 0 };
  return {
    workloads: (['W2', 'W4'] as const).filter((w) => only.includes(w)),
    train,
    trainGpu,
    minMs: plan.minMs,
    minRuns: plan.minRuns,
    trainSamples: Math.max(train.warmup, train.timed),
  };
}

export const BROWSER_TITLES: Readonly<Record<'W2' | 'W4', string>> = {
  W2: 'W2 in Chromium · MLP 784-256-10 training: SGD 0.05, batch 64 (samples/s, effective GFLOPS)',
  W4: 'W4 in Chromium · inference, batch 256 (samples/s, GFLOPS)',
};

/** Where the page's source is: src/ beside this file when run from the sources, ../src from dist/. */
function pageSource(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, '..', 'src', 'browser-page.ts');
}

/**
 * Runs W2 and W4 (those of `flags.only`) in headless Chromium and prints their tables; 0 when every
 * figure was measured, 1 when some failed, 2 when there is no Chromium.
 */
export async function runBrowserBench(flags: Flags, plan: Plan): Promise<number> {
  const chromium = findChromium();
  if (!chromium.executablePath) {
    console.error(`bench --browser: ${chromium.skipReason}`);
    return 2;
  }
  const options = browserOptions(plan, flags.only);
  if (options.workloads.length === 0) {
    console.error('bench --browser runs W2 and W4 only: --only named neither');
    return 2;
  }
  const started = performance.now();
  const load = loadavg().map((l) => l.toFixed(2));
  const dir = mkdtempSync(join(tmpdir(), 'nn-bench-browser-'));
  try {
    // (1) the digits, as the Node run has them
    const data = await loadBenchData();
    mkdirSync(join(dir, 'data'));
    const bytes = (a: Float32Array | Int32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    writeFileSync(join(dir, 'data', 'train-x.bin'), bytes(data.xTrain.subarray(0, options.trainSamples * 784)));
    writeFileSync(join(dir, 'data', 'train-y.bin'), bytes(data.yTrain.subarray(0, options.trainSamples)));
    writeFileSync(join(dir, 'data', 'test-x.bin'), bytes(data.xTest.subarray(0, 256 * 784)));
    writeFileSync(join(dir, 'data', 'test-y.bin'), bytes(data.yTest.subarray(0, 256)));
    // (2) tfjs-backend-wasm's binaries, fetched by the page from ./tfjs/
    const require = createRequire(import.meta.url);
    const tfjsWasmDist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    mkdirSync(join(dir, 'tfjs'));
    for (const file of readdirSync(tfjsWasmDist).filter((f) => f.endsWith('.wasm'))) copyFileSync(join(tfjsWasmDist, file), join(dir, 'tfjs', file));
    // (3) the page, bundled for the browser
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: { page: pageSource() },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      outdir: dir,
      logLevel: 'warning',
    });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>@nn bench</title><script type="module" src="./page.js"></script>');
    // (4) the run
    const server = await serveFolder(dir, { isolated: true });
    const browser = await launchChromium(chromium);
    let result: BrowserBenchResult;
    try {
      const page = await browser.newPage();
      const messages = collectMessages(page);
      page.on('console', (m) => {
        if (m.type() === 'log') console.error(m.text());
      });
      await page.goto(`${server.url}/`);
      await page.waitForFunction(() => typeof (globalThis as { benchBrowser?: unknown }).benchBrowser === 'function', undefined, { timeout: 60_000 });
      result = await page.evaluate((o) => (globalThis as unknown as { benchBrowser(o: BrowserBenchOptions): Promise<BrowserBenchResult> }).benchBrowser(o), options);
      const problems = messages.filter((m) => m.startsWith('pageerror') || m.startsWith('error'));
      if (problems.length > 0) console.error(`the page reported:\n${problems.join('\n')}`);
    } finally {
      await browser.close();
      await server.close();
    }
    // (5) the tables and the JSON
    const version = /(?:HeadlessChrome|Chrome)\/([\d.]+)/.exec(result.userAgent)?.[1] ?? result.userAgent;
    console.log(`@nn bench --browser${flags.quick ? ' --quick' : ''} · Chromium ${version} headless · cross-origin isolated: ${result.crossOriginIsolated} · ${result.hardwareConcurrency} cores · load ${load.join(' ')}`);
    console.log(`@nn backends: ${result.backends.join(', ')}${result.notes.length > 0 ? ` (${result.notes.join('; ')})` : ''}; tfjs wasm: ${result.tfjsWasm}\n`);
    for (const w of options.workloads) {
      const figures = result.figures.filter((f) => f.workload === w) as Figure[];
      console.log(`${BROWSER_TITLES[w]}\n${workloadTable(figures, 'samplesPerSecond')}\n`);
    }
    const seconds = (performance.now() - started) / 1000;
    const jsonPath = flags.jsonPath === undefined ? fileURLToPath(new URL('../results/browser-latest.json', import.meta.url)) : resolve(flags.jsonPath);
    mkdirSync(dirname(jsonPath), { recursive: true });
    writeFileSync(jsonPath, `${JSON.stringify({ date: new Date().toISOString(), loadAverage: load, quick: flags.quick, options, ...result, seconds: Math.round(seconds) }, null, 2)}\n`);
    console.log(`done in ${seconds.toFixed(0)} s; wrote ${jsonPath}`);
    return result.figures.some((f) => f.samplesPerSecond === undefined) ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
