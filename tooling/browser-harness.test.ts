import { mkdtempSync, mkdirSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectMessages, findChromium, launchChromium, serveFolder, skipNote } from './browser-harness';

const dir = mkdtempSync(join(tmpdir(), 'nn-harness-'));
beforeAll(() => {
  mkdirSync(join(dir, 'site', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'site', 'index.html'), '<!doctype html><link rel="icon" href="data:,"><script type="module" src="./main.js"></script>');
  writeFileSync(join(dir, 'site', 'main.js'), 'console.log("isolated=" + crossOriginIsolated);');
  writeFileSync(join(dir, 'site', 'sub', 'k.wasm'), new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  writeFileSync(join(dir, 'secret.txt'), 'outside the served folder');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The status of a GET sent with the path exactly as written. */
function rawStatus(url: string): Promise<number> {
  return new Promise((done, fail) => get(url, (res) => { res.resume(); done(res.statusCode ?? 0); }).on('error', fail));
}

describe('findChromium', () => {
  it('says what it looked for when nothing is on the PATH', () => {
    const lookup = findChromium({ PATH: join(dir, 'empty') });
    expect(lookup.executablePath).toBeUndefined();
    expect(lookup.skipReason).toMatch(/no Chromium found \(looked for chromium, chromium-browser/);
    expect(skipNote(lookup)).toMatch(/^ \(skipped: no Chromium found/);
  });

  it('takes the first executable name on the PATH, and only an executable file', () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'chromium'), '');                    // not executable: skipped
    writeFileSync(join(bin, 'google-chrome'), '#!/bin/sh\n');
    chmodSync(join(bin, 'google-chrome'), 0o755);
    expect(findChromium({ PATH: bin })).toEqual({ executablePath: join(bin, 'google-chrome') });
    expect(skipNote({ executablePath: join(bin, 'google-chrome') })).toBe('');
  });

  it('uses NN_CHROMIUM alone when set, and names it when it is not executable', () => {
    expect(findChromium({ NN_CHROMIUM: join(dir, 'nope'), PATH: '/usr/bin' }).skipReason)
      .toBe(`NN_CHROMIUM is set to ${join(dir, 'nope')}, which is not an executable file`);
  });

  it('refuses to launch without Chromium, with the reason', async () => {
    await expect(launchChromium({ skipReason: 'none here' })).rejects.toThrow('launchChromium: none here');
  });
});

describe('serveFolder', () => {
  it('serves files with their content type, index.html for a folder, 404 outside the folder', async () => {
    const server = await serveFolder(join(dir, 'site'));
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const index = await fetch(`${server.url}/`);
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await index.text()).toContain('main.js');
      const wasm = await fetch(`${server.url}/sub/k.wasm`);
      expect(wasm.headers.get('content-type')).toBe('application/wasm');
      expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
      expect(index.headers.get('cross-origin-opener-policy')).toBeNull();
      expect((await fetch(`${server.url}/missing.js`)).status).toBe(404);
      // fetch would normalise `..` away; an encoded slash reaches the server as one segment
      expect(await rawStatus(`${server.url}/..%2fsecret.txt`)).toBe(404);
      expect((await fetch(`${server.url}/`, { method: 'POST' })).status).toBe(405);
      expect(server.requests).toEqual(['/', '/sub/k.wasm', '/missing.js', '/../secret.txt', '/']);
    } finally {
      await server.close();
    }
  });

  it('sends COOP, COEP and CORP when isolated', async () => {
    const server = await serveFolder(join(dir, 'site'), { isolated: true });
    try {
      const res = await fetch(`${server.url}/main.js`);
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    } finally {
      await server.close();
    }
  });
});

const chromium = findChromium();
describe.skipIf(!chromium.executablePath)(`launchChromium${skipNote(chromium)}`, () => {
  it('opens a page that is cross-origin isolated only when served so', async () => {
    const isolated = await serveFolder(join(dir, 'site'), { isolated: true });
    const plain = await serveFolder(join(dir, 'site'));
    const browser = await launchChromium(chromium);
    try {
      const seen: Record<string, unknown> = {};
      for (const [name, server] of [['isolated', isolated], ['plain', plain]] as const) {
        const page = await browser.newPage();
        const messages = collectMessages(page);
        await page.goto(`${server.url}/`);
        await page.waitForFunction(() => document.readyState === 'complete');
        await expect.poll(() => messages.length).toBeGreaterThan(0);
        seen[name] = {
          messages,
          sab: await page.evaluate(() => typeof SharedArrayBuffer),
        };
      }
      expect(seen).toEqual({
        isolated: { messages: ['log: isolated=true'], sab: 'function' },
        plain: { messages: ['log: isolated=false'], sab: 'undefined' },
      });
    } finally {
      await browser.close();
      await Promise.all([isolated.close(), plain.close()]);
    }
  });
});
