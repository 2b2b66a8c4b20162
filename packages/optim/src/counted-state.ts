import { type Tensor, isTensor } from '@nn/tensor';

/**
 * An optimizer state of the kind `sameOpsEveryStep` transforms keep, taken apart: its tensors, depth
 * first (object keys in insertion order), and its skeleton, where numbers are update counts. What a
 * replayed step that includes the update needs: the tensors go through the recorded plan, the counts
 * are advanced here, since a replay does not call `update`.
 */
export interface CountedState {
  readonly tensors: Tensor[];
  /** The state with the plan's new tensors in place of the old ones (same order) and every count `steps` (default 1) higher. */
  advance(tensors: readonly Tensor[], steps?: number): unknown;
  /** True when `next`, the state `update` returned, is this one advanced: same structure, tensors where tensors were, every count one higher. */
  isAdvancedBy(next: unknown): boolean;
}

/**
 * `state` taken apart, or undefined when it holds anything but tensors, numbers, and plain arrays and
 * objects of them (a string, a function, a class instance, null): then a step cannot include the update.
 */
export function countedState(state: unknown): CountedState | undefined {
  const tensors: Tensor[] = [];
  if (!collect(state, tensors)) return undefined;
  return {
    tensors,
    advance(next, steps = 1) {
      let at = 0;
      const rebuild = (node: unknown): unknown => {
        if (isTensor(node)) return next[at++];
        if (typeof node === 'number') return node + steps;
        if (Array.isArray(node)) return node.map(rebuild);
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(node as object)) out[k] = rebuild(v);
        return out;
      };
      return rebuild(state);
    },
    isAdvancedBy(next) {
      return advancedBy(state, next);
    },
  };
}

function collect(node: unknown, tensors: Tensor[]): boolean {
  if (isTensor(node)) {
    tensors.push(node);
    return true;
  }
  if (typeof node === 'number') return true;
  if (Array.isArray(node)) return node.every((item) => collect(item, tensors));
  if (typeof node !== 'object' || node === null || Object.getPrototypeOf(node) !== Object.prototype) return false;
  return Object.values(node).every((v) => collect(v, tensors));
}

function advancedBy(before: unknown, after: unknown): boolean {
  if (isTensor(before)) return isTensor(after);
  if (typeof before === 'number') return typeof after === 'number' && after === before + 1;
  if (Array.isArray(before)) return Array.isArray(after) && after.length === before.length && before.every((b, i) => advancedBy(b, after[i]));
  if (typeof after !== 'object' || after === null || Array.isArray(after) || isTensor(after)) return false;
  const keys = Object.keys(before as object);
  const afterKeys = Object.keys(after);
  if (keys.length !== afterKeys.length || keys.some((k, i) => afterKeys[i] !== k)) return false;
  return keys.every((k) => advancedBy((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k]));
}
