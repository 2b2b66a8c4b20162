/**
 * The shared headless-Chromium harness for browser tests and browser benchmarks.
 *
 * - `findChromium()` looks for a Chromium binary (`$NN_CHROMIUM`, then `chromium`, `chromium-browser`,
 *   `google-chrome-stable`, `google-chrome` on the PATH) and, where there is none, says why, so a test
 *   can skip with that reason: `apt-get install -y chromium` on Debian provides one.
 * - `launchChromium()` starts it headless through `playwright-core` (no browser download: it drives the
 *   system binary through `executablePath`), with the flags that let it run as root in a container
 *   (`--no-sandbox`, `--disable-dev-shm-usage`) and keep WebGL on the software GL (SwiftShader).
 * - `serveFolder()` serves a folder on 127.0.0.1 at a free port, optionally cross-origin isolated
 *   (COOP `same-origin` + COEP `require-corp`), which is what a page needs for `SharedArrayBuffer`.
 * - `collectMessages()` records a page's console lines and uncaught errors, for assertions and for
 *   failure messages.
 *
 * ```ts
 * const chromium = findChromium();
 * describe.skipIf(!chromium.executablePath)(`my page${skipNote(chromium)}`, () => {
 *   it('runs', async () => {
 *     const server = await serveFolder(outDir, { isolated: true });
 *     const browser = await launchChromium(chromium);
 *     try {
 *       const page = await browser.newPage();
 *       const messages = collectMessages(page);
 *       await page.goto(`${server.url}/index.html`);
 *       expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
 *     } finally { await browser.close(); await server.close(); }
 *   });
 * });
 * ```
 */
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { delimiter, extname, join, resolve, sep } from 'node:path';
import type { Browser, ConsoleMessage, LaunchOptions, Page } from 'playwright-core';

/** Where Chromium is, or why there is none. */
export type ChromiumLookup =
  | { readonly executablePath: string; readonly skipReason?: undefined }
  | { readonly executablePath?: undefined; readonly skipReason: string };

/** The binary names looked up on the PATH, in order, after `$NN_CHROMIUM`. */
export const chromiumNames: readonly string[] = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds a Chromium binary: `$NN_CHROMIUM` when set (and then only it), else the first of
 * `chromiumNames` on `$PATH`. Never throws: where none is found, `skipReason` says what was looked for.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const override = env.NN_CHROMIUM;
  if (override) {
    return isExecutable(override)
      ? { executablePath: override }
      : { skipReason: `NN_CHROMIUM is set to ${override}, which is not an executable file` };
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  for (const name of chromiumNames) {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (isExecutable(path)) return { executablePath: path };
    }
  }
  return {
    skipReason:
      `no Chromium found (looked for ${chromiumNames.join(', ')} on the PATH and $NN_CHROMIUM); ` +
      'install one with `apt-get install -y chromium` (Debian) or set NN_CHROMIUM to its path',
  };
}

/** `''` when Chromium was found, else ` (skipped: <reason>)`, to append to a describe title. */
export function skipNote(lookup: ChromiumLookup): string {
  return lookup.executablePath ? '' : ` (skipped: ${lookup.skipReason})`;
}

/**
 * The flags every launch gets: no sandbox (Chromium refuses to start as root with one), /tmp instead of
 * a small container /dev/shm, and SwiftShader allowed for WebGL (newer Chromium asks for the opt-in).
 */
export const chromiumArgs: readonly string[] = ['--no-sandbox', '--disable-dev-shm-usage', '--enable-unsafe-swiftshader'];

/**
 * Launches Chromium headless through playwright-core. `lookup` defaults to `findChromium()`; throws an
 * Error carrying the skip reason when there is no Chromium (tests should check `findChromium()` first).
 */
export async function launchChromium(
  lookup: ChromiumLookup = findChromium(),
  options: Omit<LaunchOptions, 'executablePath'> = {},
): Promise<Browser> {
  if (!lookup.executablePath) throw new Error(`launchChromium: ${lookup.skipReason}`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    headless: true,
    ...options,
    executablePath: lookup.executablePath,
    args: [...chromiumArgs, ...(options.args ?? [])],
  });
}

/** Content types by extension; `.wasm` must be `application/wasm` for `WebAssembly.instantiateStreaming`. */
export const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.safetensors': 'application/octet-stream',
};

export interface ServeOptions {
  /**
   * Send `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`
   * (and `Cross-Origin-Resource-Policy: same-origin` on every file), so the page is cross-origin
   * isolated and may use `SharedArrayBuffer`. Default false.
   */
  readonly isolated?: boolean;
}

export interface FolderServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** Every request path served or refused so far, in order (e.g. to check a .wasm was fetched). */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/**
 * Serves `root` over HTTP on 127.0.0.1 at a free port: GET/HEAD only, `index.html` for a folder, 404 for
 * what is missing or outside `root`, no caching.
 */
export async function serveFolder(root: string, { isolated = false }: ServeOptions = {}): Promise<FolderServer> {
  const base = resolve(root);
  const requests: string[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    requests.push(path);
    const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
    if (isolated) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
      headers['Cross-Origin-Resource-Policy'] = 'same-origin';
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    let file = resolve(base, `.${path}`);
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = readFileSync(file);
      headers['Content-Type'] = contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
      headers['Content-Length'] = String(body.length);
      res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, headers).end('not found');
    }
  };
  const server = createServer(handle);
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * Records what `page` logs from now on: each console message as `<type>: <text>` and each uncaught
 * error as `pageerror: <message>`. The array fills as the page runs.
 */
export function collectMessages(page: Page): string[] {
  const messages: string[] = [];
  page.on('console', (m: ConsoleMessage) => messages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e: Error) => messages.push(`pageerror: ${e.message}`));
  return messages;
}
