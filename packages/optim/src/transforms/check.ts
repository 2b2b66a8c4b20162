import { type GradientTransformation, type Params, ValueError, isTensor } from '@nn/tensor';

/** Throws a ValueError naming `op` unless `value` is a finite number in the given range. */
export function checkNumber(
  op: string,
  name: string,
  value: unknown,
  { min, max, minOpen = false, maxOpen = false, integer = false }: { min?: number; max?: number; minOpen?: boolean; maxOpen?: boolean; integer?: boolean } = {},
): void {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!integer || Number.isInteger(value)) &&
    (min === undefined || (minOpen ? value > min : value >= min)) &&
    (max === undefined || (maxOpen ? value < max : value <= max));
  if (ok) return;
  const range = [min === undefined ? '' : `${minOpen ? '>' : '≥'} ${min}`, max === undefined ? '' : `${maxOpen ? '<' : '≤'} ${max}`]
    .filter(Boolean)
    .join(' and ');
  throw new ValueError(op, `${name} must be a finite ${integer ? 'integer' : 'number'}${range ? ` ${range}` : ''}, got ${String(value)}`);
}

/** Marks errors that say a state came from elsewhere, so that a named optimizer can name itself in them. */
const foreignState = Symbol.for('@nn/optim/foreign-state');

/**
 * Throws a ValueError naming `op` unless `state` is an object with exactly the keys `keys`: what a
 * state made by another optimizer's `init` (or by this one with other options) looks like.
 */
export function checkState(op: string, state: unknown, keys: readonly string[]): void {
  const ok =
    typeof state === 'object' &&
    state !== null &&
    !Array.isArray(state) &&
    !isTensor(state) &&
    Object.keys(state).length === keys.length &&
    keys.every((k) => k in state);
  if (ok) return;
  throw foreign(op, `expected the state its init makes, with keys {${keys.join(', ')}}, got ${describeState(state)}; was it made by another optimizer?`);
}

function foreign(op: string, message: string): ValueError {
  return Object.assign(new ValueError(op, message), { [foreignState]: true });
}

function describeState(state: unknown): string {
  if (Array.isArray(state)) return `a list of ${state.length}`;
  if (typeof state === 'object' && state !== null) return isTensor(state) ? 'a tensor' : `keys {${Object.keys(state).join(', ')}}`;
  return String(state);
}

/**
 * The named optimizer `name` made of `transform` (a chain of `members` transforms): the same
 * transform, whose `update` first checks that it was given such a chain's state and names `name` in
 * every error about a state from elsewhere.
 */
export function named<S>(name: string, members: number, transform: GradientTransformation<S>): GradientTransformation<S> {
  return {
    init: (params: Params) => transform.init(params),
    update(grads, state, params, ctx) {
      if (!Array.isArray(state) || state.length !== members) {
        throw foreign(name, `expected the state its init makes, a list of ${members}, got ${describeState(state)}; was it made by another optimizer?`);
      }
      try {
        return transform.update(grads, state, params, ctx);
      } catch (e) {
        if (typeof e === 'object' && e !== null && foreignState in e) throw foreign(name, (e as unknown as Error).message);
        throw e;
      }
    },
    ...(transform.sameOpsEveryStep === undefined ? {} : { sameOpsEveryStep: transform.sameOpsEveryStep }),
    ...(transform.retainsOnlyState === undefined ? {} : { retainsOnlyState: transform.retainsOnlyState }),
  };
}
