import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FolderServer, collectMessages, findChromium, launchChromium, serveFolder, skipNote } from '../../../tooling/browser-harness';
import { configToQuery } from '../src/engine/config-url';
import { presetById } from '../src/engine/presets';

const APP = fileURLToPath(new URL('..', import.meta.url));
const ARTIFACTS = join(APP, 'test-artifacts');
/** Debian's chromium (apt-get install chromium) on the PATH, or the binary $NN_CHROMIUM names. */
const CHROMIUM = findChromium();
if (!CHROMIUM.executablePath) console.warn(`playground e2e: skipped: ${CHROMIUM.skipReason}`);
/** The XOR lesson must bring the test loss below this within XOR_BUDGET_MS of pressing Play. */
const XOR_BOUND = 0.3;
const XOR_BUDGET_MS = 20_000;

describe.skipIf(!CHROMIUM.executablePath)(`the playground in headless Chromium${skipNote(CHROMIUM)}`, () => {
  let outDir: string;
  let server: FolderServer;
  let messages: string[];
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let url: string;

  const ready = async () => {
    await page.waitForSelector('body[data-ready="true"]');
  };
  const stat = async (key: 'testLoss' | 'trainLoss' | 'epoch') => Number(await page.locator('#stats').getAttribute(`data-${key === 'testLoss' ? 'test-loss' : key === 'trainLoss' ? 'train-loss' : 'epoch'}`));

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    outDir = mkdtempSync(join(tmpdir(), 'nn-playground-'));
    // The static build, as `pnpm --filter playground build` makes it.
    // NOTE: vitest sets NODE_ENV=test, which would make import.meta.env.PROD false in the build (and
    // leave out the service worker); `vite build` runs with production.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ root: APP, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    // Served as a static host would, cross-origin isolated (COOP + COEP) as vite.config.ts asks of one.
    server = await serveFolder(outDir, { isolated: true });
    url = `${server.url}/`;
    browser = await launchChromium(CHROMIUM);
    context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
    page = await context.newPage();
    messages = collectMessages(page);
  }, 120_000);

  afterAll(async () => {
    expect(messages?.filter((m) => m.startsWith('pageerror')) ?? []).toEqual([]);
    await browser?.close();
    await server?.close();
    if (outDir !== undefined) rmSync(outDir, { recursive: true, force: true });
  });

  it('runs the XOR lesson from its link: the test loss falls below 0.3 while the page keeps responding', async () => {
    await page.goto(`${url}#${configToQuery(presetById('xor-hidden')!.config)}`);
    await ready();
    expect(await page.locator('#backend-status').textContent()).toMatch(/^Backend: cpu/);
    expect(await page.locator('#preset').inputValue()).toBe('xor-hidden');
    expect(await stat('testLoss')).toBeGreaterThan(0.5);
    await page.click('#play');
    // The page answers while training runs: a script round trip between slices.
    const started = Date.now();
    await page.evaluate(() => document.title);
    expect(Date.now() - started).toBeLessThan(2_000);
    await page.waitForFunction((bound) => Number(document.getElementById('stats')!.dataset.testLoss) < bound, XOR_BOUND, { timeout: XOR_BUDGET_MS });
    await page.click('#play');
    expect(await page.locator('#play').getAttribute('aria-pressed')).toBe('false');
    expect(await stat('testLoss')).toBeLessThan(XOR_BOUND);
    await page.screenshot({ path: join(ARTIFACTS, 'xor-lesson.png'), fullPage: true });
    // The picture in the READMEs (docs/playground.png is a copy of this one).
    await page.screenshot({ path: join(ARTIFACTS, 'playground.png'), clip: { x: 0, y: 0, width: 1280, height: 780 } });
  }, 60_000);

  it('changes the optimizer and a regularizer through the labelled controls, and the link follows', async () => {
    await page.getByLabel('Optimizer').selectOption('adam');
    await page.getByLabel('Adam β₁').waitFor({ state: 'visible' });
    await page.getByLabel('Momentum μ').waitFor({ state: 'hidden' });
    const l2 = page.getByLabel('L2 penalty λ');
    await l2.fill('0.001');
    await l2.press('Tab');
    await page.getByLabel('Dropout rate (hidden)').fill('0.2');
    await page.getByLabel('Dropout rate (hidden)').press('Enter');
    await page.waitForFunction(() => location.hash.includes('dropout=0.2'));
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toContain('optimizer=adam');
    expect(hash).toContain('l2=0.001');
    // A change starts a fresh run of the new settings; a step trains one epoch of it.
    expect(await stat('epoch')).toBe(0);
    expect(await page.locator('#preset').inputValue()).toBe('');
    await page.click('#step');
    expect(await stat('epoch')).toBe(1);
    expect(await page.locator('#stats').textContent()).toMatch(/cross-entropy: training \d/);
  }, 30_000);

  it('reads a drawn 1 on the digit pad as a 1', async () => {
    const pad = await page.locator('#pad').boundingBox();
    await page.locator('#pad').scrollIntoViewIfNeeded();
    const box = (await page.locator('#pad').boundingBox()) ?? pad!;
    await page.mouse.move(box.x + box.width / 2, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 4, box.y + box.height - 40, { steps: 12 });
    await page.mouse.up();
    await page.waitForSelector('#digit-top[data-digit]', { timeout: 20_000 });
    expect(await page.locator('#digit-top').getAttribute('data-digit')).toBe('1');
    expect(await page.locator('#digit-probs li.top').textContent()).toMatch(/^1: \d+\.\d%/);
    await page.locator('.digits').screenshot({ path: join(ARTIFACTS, 'digit-pad.png') });
  }, 30_000);

  it('reads a 1 drawn from the keyboard alone', async () => {
    await page.click('#pad-clear');
    await page.focus('#pad');
    // The pen starts at the pad's centre: up 7 steps of 14 px, down, 14 steps down, lift.
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Space');
    for (let i = 0; i < 14; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.waitForSelector('#digit-top[data-digit]', { timeout: 20_000 });
    expect(await page.locator('#digit-top').getAttribute('data-digit')).toBe('1');
  }, 30_000);

  it('saves the network to IndexedDB, and after a reload loads it back with the same test loss', async () => {
    await page.goto('about:blank');
    await page.goto(`${url}#${configToQuery(presetById('xor-hidden')!.config)}`);
    await ready();
    for (let i = 0; i < 5; i++) await page.click('#step');
    const trained = await stat('testLoss');
    await page.click('#save-idb');
    await page.locator('#io-status', { hasText: /^Saved the network of epoch 5/ }).waitFor();
    await page.reload();
    await ready();
    expect(await stat('epoch')).toBe(0);
    expect(await stat('testLoss')).not.toBe(trained);
    await page.click('#load-idb');
    await page.locator('#io-status', { hasText: /^Loaded the saved network/ }).waitFor();
    expect(await stat('testLoss')).toBe(trained);
  }, 30_000);

  it('runs the same small training on the cpu, threaded wasm and gpu backends to the same loss', async () => {
    // Batch learning at η = 3: in Node the training loss goes from 0.69 to 0.586 in these 10 steps.
    const config = { ...presetById('xor-hidden')!.config, batchSize: 0, learningRate: 3 };
    const losses: Record<string, number> = {};
    const expected = {
      cpu: /^Backend: cpu/,
      wasm: /^Backend: wasm \(SIMD WebAssembly kernels, \d+ threads?\)$/,
      gpu: /^Backend: gpu \(gpu\.js in its (webgl2|webgl|webgpu) mode\)$/,
    };
    for (const backend of ['cpu', 'wasm', 'gpu'] as const) {
      await page.goto('about:blank');
      await page.goto(`${url}#${configToQuery({ ...config, backend })}`);
      await ready();
      expect(await page.locator('#backend-status').textContent()).toMatch(expected[backend]);
      for (let i = 0; i < 10; i++) await page.click('#step');
      expect(await page.locator('#config-error').textContent()).toBe('');
      losses[backend] = await stat('trainLoss');
    }
    console.log(`playground e2e: training loss after 10 batch steps: ${JSON.stringify(losses)}`);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(losses.cpu).toBeLessThan(0.62);
    // float32 throughout. wasm may sum in another order: 10 batch steps agree to 1e-5; the GPU's own
    // exp, tanh and float arithmetic (swiftshader here) to 1e-4.
    expect(Math.abs(losses.wasm - losses.cpu)).toBeLessThan(1e-5);
    expect(Math.abs(losses.gpu - losses.cpu)).toBeLessThan(1e-4);
  }, 60_000);

  it('works offline once loaded (the service worker keeps the page and LeNet-5)', async () => {
    await page.goto('about:blank');
    await page.goto(url);
    await ready();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Load once under the worker's control, so that every file goes through it.
    await page.reload();
    await ready();
    await context.setOffline(true);
    try {
      await page.reload();
      await ready();
      expect(await page.locator('#backend-status').textContent()).toMatch(/^Backend: cpu/);
      await page.click('#step');
      expect(await stat('epoch')).toBe(1);
    } finally {
      await context.setOffline(false);
    }
  }, 30_000);
});
