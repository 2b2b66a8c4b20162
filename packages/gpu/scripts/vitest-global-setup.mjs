// Compiles the wasm kernels from source before any test imports them (a no-op when up to date).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup() {
  execFileSync(process.execPath, [fileURLToPath(new URL('./build-wasm.mjs', import.meta.url))], { stdio: 'inherit' });
}
