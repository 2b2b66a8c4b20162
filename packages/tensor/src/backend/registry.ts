import type { Backend } from './backend';
import { cpuBackend } from './cpu/cpu-backend';
import { globalState } from '../global-state';

/** Installs `backend` for every op that runs after this call. Importing a package never does this. */
export function setBackend(backend: Backend): void {
  globalState().backend = backend;
}

/** The active backend: the plain-TS CPU backend until `setBackend` installs another. */
export function getBackend(): Backend {
  return globalState().backend ?? cpuBackend;
}
