import type { Backend } from './backend/backend';
import type { Tape } from './autodiff/tape';
import type { Tracer } from './autodiff/trace';

/**
 * State shared by every copy of @nn/tensor in a process (tfjs's `getGlobal`): the backend installed by setBackend (none: the CPU backend) and
 * the stack of recording tapes. Kept on `globalThis` so that two installed copies agree.
 */
export interface GlobalState {
  backend: Backend | undefined;
  /** Innermost last. Ops record onto every tape that tracks one of their inputs. */
  tapes: Tape[];
  /** > 0 inside noGrad(): nothing is recorded. */
  noGradDepth: number;
  /** The next Tensor id: shared, so that tensors made by two copies never share an id on a tape. */
  nextTensorId: number;
  /** Open `tidy` scopes, innermost last: each lists the tensors made while it was innermost. */
  scopes: TensorLike[][];
  /** How many live (not disposed) tensors hold each storage object; see `memory/tidy.ts`. */
  storageRefs: WeakMap<object, number>;
  /** Set while a `replayable` function is traced: every op run records itself on it. */
  tracer?: Tracer;
}

/** What the scopes need of a tensor (structural: tensors of another copy of @nn/tensor count too). */
export interface TensorLike {
  readonly id: number;
  readonly isDisposed?: boolean;
  readonly kept?: boolean;
  dispose?(): void;
  settle?(): void;
}

const KEY = Symbol.for('@nn/tensor');

/** This copy's handle on the shared state: the object never changes once made, so it is looked up once. */
let cached: GlobalState | undefined;

export function globalState(): GlobalState {
  // NOTE: every op reads the state several times; a symbol lookup on globalThis each time was measurable.
  if (cached !== undefined) return cached;
  const g = globalThis as unknown as { [KEY]?: GlobalState };
  g[KEY] ??= { backend: undefined, tapes: [], noGradDepth: 0, nextTensorId: 0, scopes: [], storageRefs: new WeakMap() };
  const state = g[KEY];
  // NOTE: a state made by an older copy of @nn/tensor lacks the fields added since.
  state.scopes ??= [];
  state.storageRefs ??= new WeakMap();
  cached = state;
  return state;
}
