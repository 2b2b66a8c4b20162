import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { threadHost as browserHost } from './thread-host.browser';
import { helperExecArgv, threadHost as nodeHost } from './thread-host.node';

const scope = globalThis as { crossOriginIsolated?: boolean };
afterEach(() => {
  delete scope.crossOriginIsolated;
  vi.unstubAllGlobals();
});

const NOT_ISOLATED =
  'the page is not cross-origin isolated, so it has no SharedArrayBuffer (serve it with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)';

describe("Node's thread host (worker_threads)", () => {
  it('can run helpers here, on the cores of this machine, and may block', () => {
    expect(nodeHost.unavailable()).toBeUndefined();
    expect(nodeHost.cores()).toBeGreaterThanOrEqual(1);
    expect(nodeHost.canBlock()).toBe(true);
    expect(nodeHost.startsWhileBlocked).toBe(true);
  });
});

describe("the flags of Node's helper threads", () => {
  it('inherits the parent\'s flags, unless --input-type is among them (the helper\'s script is CommonJS): then none', () => {
    expect(helperExecArgv([])).toBeUndefined();
    // a worker refuses V8 options given explicitly, but runs with them inherited
    expect(helperExecArgv(['--max-old-space-size=4096', '--stack-size=2000'])).toBeUndefined();
    expect(helperExecArgv(['--input-type=module', '--max-old-space-size=4096', '-e', 'code'])).toEqual([]);
    expect(helperExecArgv(['--input-type', 'module', '--conditions=source'])).toEqual([]);
  });

  // NOTE: a process of its own for each set of flags, on the built package (pnpm test builds it first)
  const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
  const threadsUnder = (flags: string[], module: boolean): string => {
    if (!existsSync(dist)) throw new Error(`build the packages first (pnpm test runs turbo run build): no ${dist}`);
    const body = `const b = await createWasmBackend({ threads: 2 }); console.log(String(b.singleThreadReason)); process.exit(0);`;
    const script = module
      ? `import { createWasmBackend } from ${JSON.stringify(`file://${dist}`)}; ${body}`
      : `import(${JSON.stringify(`file://${dist}`)}).then(async ({ createWasmBackend }) => { ${body} });`;
    return execFileSync(process.execPath, [...flags, ...(module ? ['--input-type=module'] : []), '-e', script], { encoding: 'utf8' }).trim();
  };

  it('starts the helpers under V8 options a worker may not be given explicitly (node --max-old-space-size=…)', () => {
    expect(threadsUnder(['--max-old-space-size=4096'], false)).toBe('undefined');
    expect(threadsUnder(['--max-old-space-size=4096', '--stack-size=2000'], true)).toBe('undefined');
  });
});

describe("the browser's thread host (Web Workers)", () => {
  it('says a page that is not cross-origin isolated has no SharedArrayBuffer, and which headers fix that', () => {
    scope.crossOriginIsolated = false;
    expect(browserHost.unavailable()).toBe(NOT_ISOLATED);
  });

  it('says when there are no Web Workers (Node has none)', () => {
    scope.crossOriginIsolated = true;
    expect(browserHost.unavailable()).toBe('this context cannot start Web Workers from a Blob');
  });

  it('takes the cores from navigator.hardwareConcurrency', () => {
    vi.stubGlobal('navigator', { hardwareConcurrency: 6 });
    expect(browserHost.cores()).toBe(6);
  });

  it('finds whether this thread may block by trying Atomics.wait (Node may), and never waits for its workers to start', () => {
    expect(browserHost.canBlock()).toBe(true);
    expect(browserHost.startsWhileBlocked).toBe(false);
  });
});
