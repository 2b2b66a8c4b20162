import { defineConfig } from 'vite';

/**
 * Cross-origin isolation (COOP + COEP) lets the page use SharedArrayBuffer, which the wasm backend's
 * helper threads need; the dev and preview servers send it, and a static host should too.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // Relative asset paths: the static build works from any folder of any host.
  base: './',
  // The workspace packages from their TypeScript sources (their `source` export condition), so the
  // playground needs no build of @nn first; the browser forms of their Node-only parts are chosen as usual.
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  server: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
  // gpu.js (≈ 630 kB) is its own chunk, fetched only when the gpu backend is picked.
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 700,
    // NOTE: gpu.js compiles kernels from their JavaScript source (Function.prototype.toString), and the
    // minifier's compression rewrites `a >= b ? 1 : 0` into `+(a >= b)`, which GLSL rejects (no + on a
    // bool): the gpu backend then fails to compile its comparison kernels. Names are still mangled and
    // whitespace removed; only the rewriting is off.
    rolldownOptions: { output: { minify: { compress: false, mangle: true } } },
  },
});
