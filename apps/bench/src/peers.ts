/**
 * The peer libraries, loaded on first use with a dynamic import so that one that fails to load turns
 * into "n/a (reason)" rows instead of stopping the bench.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Found, messageOf } from './nn-optional';

export type Tf = typeof import('@tensorflow/tfjs-core');
export type Tfl = typeof import('@tensorflow/tfjs-layers');
export type ConvNetJs = (typeof import('convnetjs'))['default'];
export type Brain = typeof import('brain.js');
export type TfBackend = 'cpu' | 'wasm';

export interface Tfjs {
  readonly tf: Tf;
  readonly tfl: Tfl;
  /** Switches TensorFlow.js to `backend` (wasm: one thread, .wasm files from the installed package). */
  use(backend: TfBackend): Promise<void>;
  /** How the wasm backend runs, once it has been used: threads and SIMD. */
  wasmInfo(): { threads: number; simd: boolean } | undefined;
}

const cache = new Map<string, Promise<Found<unknown>>>();

function once<T>(key: string, load: () => Promise<T>, source: string): Promise<Found<T>> {
  if (!cache.has(key)) {
    cache.set(key, load().then(
      (value) => ({ ok: true, value, source }) as const,
      (error) => ({ ok: false, reason: `cannot load ${source}: ${messageOf(error)}` }) as const,
    ));
  }
  return cache.get(key) as Promise<Found<T>>;
}

/** tfjs-core + the cpu and wasm backends + tfjs-layers 4.22, in production mode (no debug checks). */
export function loadTfjs(): Promise<Found<Tfjs>> {
  return once('tfjs', async () => {
    const tf = await import('@tensorflow/tfjs-core');
    await import('@tensorflow/tfjs-backend-cpu');
    const tfwasm = await import('@tensorflow/tfjs-backend-wasm');
    const tfl = await import('@tensorflow/tfjs-layers');
    tf.enableProdMode(); // also silences the "install tfjs-node" banner
    // The .wasm binaries sit next to the package's JavaScript in dist/; say so explicitly.
    const require = createRequire(import.meta.url);
    tfwasm.setWasmPaths(`${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`);
    // Node has no wasm threads here (WASM_HAS_MULTITHREAD_SUPPORT is false): one thread either way.
    if (typeof tfwasm.setThreadsCount === 'function') tfwasm.setThreadsCount(1);
    let usedWasm = false;
    const use = async (backend: TfBackend) => {
      const ok = await tf.setBackend(backend);
      if (!ok || tf.getBackend() !== backend) throw new Error(`tf.setBackend('${backend}') failed`);
      usedWasm ||= backend === 'wasm';
    };
    const wasmInfo = () => (usedWasm ? { threads: tfwasm.getThreadsCount(), simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT') } : undefined);
    return { tf, tfl, use, wasmInfo };
  }, '@tensorflow/tfjs 4.22.0');
}

export function loadConvNetJs(): Promise<Found<ConvNetJs>> {
  return once('convnetjs', async () => (await import('convnetjs')).default, 'convnetjs 0.3.0');
}

export function loadBrain(): Promise<Found<Brain>> {
  return once('brain', () => import('brain.js'), 'brain.js 2.0.0-beta.24');
}

/** The installed versions of the peers, read from their package.json files. */
export function peerVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const names = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-layers', 'convnetjs', 'brain.js'];
  return Object.fromEntries(names.map((name) => {
    try {
      return [name, (require(`${name}/package.json`) as { version: string }).version];
    } catch {
      return [name, 'not installed'];
    }
  }));
}
