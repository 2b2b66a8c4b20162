import { afterEach, describe, expect, it, vi } from 'vitest';
import { threadHost as browserHost } from './thread-host.browser';
import { threadHost as nodeHost } from './thread-host.node';

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
