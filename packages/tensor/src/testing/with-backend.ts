import type { Backend } from '../backend/backend';
import { cpuBackend } from '../backend/cpu/cpu-backend';
import { setBackend } from '../backend/registry';

/** Runs `fn` with `backend` active, then the CPU backend again (for tests; not exported). */
export function withBackend<T>(backend: Backend, fn: () => T): T {
  setBackend(backend);
  try {
    return fn();
  } finally {
    setBackend(cpuBackend);
  }
}
