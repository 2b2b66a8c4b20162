import { helperThreadFunction } from './helper-thread-source';
import type { ThreadHost } from './thread-protocol';

/** The helper's script: `startHelper` called with the first message the worker receives. */
const source = `'use strict';
${helperThreadFunction}
self.onmessage = (event) => { self.onmessage = null; startHelper(event.data); };
`;

let scriptUrl: string | undefined;
let mayBlock: boolean | undefined;

/**
 * The browser form of `#thread-host` (also Deno's and any other host without the `node` condition):
 * helpers are Web Workers made from a Blob of the helper's script, sent the module and the shared memory
 * by postMessage. That needs a cross-origin isolated page (served with `Cross-Origin-Opener-Policy:
 * same-origin` and `Cross-Origin-Embedder-Policy: require-corp`), the only kind that has
 * SharedArrayBuffer. A page's main thread may not block in Atomics.wait, so there the caller spins;
 * and a Web Worker starts only once the thread that made it returns to its event loop, so nothing here
 * waits synchronously for helpers to start.
 */
export const threadHost: ThreadHost = {
  kind: 'Web Workers',
  unavailable() {
    const scope = globalThis as { crossOriginIsolated?: boolean; Worker?: unknown; Blob?: unknown; URL?: { createObjectURL?: unknown } };
    if (scope.crossOriginIsolated === false) {
      return 'the page is not cross-origin isolated, so it has no SharedArrayBuffer (serve it with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)';
    }
    if (typeof SharedArrayBuffer !== 'function') return 'this context has no SharedArrayBuffer';
    if (typeof scope.Worker !== 'function' || typeof scope.Blob !== 'function' || typeof scope.URL?.createObjectURL !== 'function') {
      return 'this context cannot start Web Workers from a Blob';
    }
    return undefined;
  },
  cores: () => Math.max(1, (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1),
  canBlock() {
    if (mayBlock === undefined) {
      try {
        // 'not-equal' at once where waiting is allowed; a TypeError on a page's main thread
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
        mayBlock = true;
      } catch {
        mayBlock = false;
      }
    }
    return mayBlock;
  },
  startsWhileBlocked: false,
  start(data, onError) {
    scriptUrl ??= URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(scriptUrl, { name: `@nn/gpu wasm helper ${data.slot + 1}` });
    worker.onerror = (event) => {
      event.preventDefault();
      onError(new Error(`a Web Worker failed: ${event.message || 'it could not start'}`));
    };
    worker.postMessage(data);
    return worker;
  },
};
