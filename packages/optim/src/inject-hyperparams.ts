import { type GradientTransformation, type Params, type Schedule, ValueError } from '@nn/tensor';
import { checkState } from './transforms/check';

/** The wrapper's state: the update count, each hyper-parameter's current value, the inner optimizer's state. */
export interface InjectHyperparamsState<K extends string = string, S = unknown> {
  /** Updates made so far: the step each schedule-valued hyper-parameter is read at. */
  readonly count: number;
  /** The values the next update uses (a schedule's value at the last update). Change them with {@link setHyperparams}. */
  readonly hyperparams: { readonly [P in K]: number };
  readonly inner: S;
}

/**
 * Makes an optimizer's hyper-parameters part of its state (optax's `inject_hyperparams`): the optimizer
 * is rebuilt from `factory(values)` whenever the values change, so a callback or a controller can
 * change η, μ, … between updates ({@link setHyperparams}) while the rest of the state — momentum,
 * second moments, counts — carries on, and a checkpoint keeps them. Each value is a number, kept in
 * the state until changed, or a schedule, read at the wrapper's update count before every update
 * (and written to the state, where it can be read; setting it throws at the next update).
 *
 * ```ts
 * const opt = injectHyperparams((h) => sgd(h.learningRate, { momentum: h.momentum }), { learningRate: 0.1, momentum: 0.9 });
 * state = setHyperparams(state, { learningRate: 0.01 });
 * ```
 * The factory must give states of one structure for every value it is given (e.g. keep sgd's momentum
 * above 0 if it starts above 0: momentum 0 has no velocity to carry).
 */
export function injectHyperparams<const K extends string, S>(
  factory: (hyperparams: { readonly [P in K]: number }) => GradientTransformation<S>,
  hyperparams: { readonly [P in K]: number | Schedule },
): GradientTransformation<InjectHyperparamsState<K, S>> {
  const op = 'injectHyperparams';
  const names = Object.keys(hyperparams) as K[];
  if (names.length === 0) throw new ValueError(op, 'give at least one hyper-parameter, e.g. { learningRate: 0.1 }');
  for (const name of names) {
    const v = hyperparams[name];
    if (typeof v !== 'function') checkValue(op, name, v);
  }
  const valuesAt = (count: number, current: { readonly [P in K]: number }) => {
    const out = {} as { [P in K]: number };
    for (const name of names) {
      const v = hyperparams[name];
      out[name] = typeof v === 'function' ? v(count) : current[name];
      if (typeof v === 'function') checkValue(op, `${name} (the schedule's value at step ${count})`, out[name]);
    }
    return out;
  };
  // NOTE: the inner optimizer is rebuilt only when a value changed, not on every update.
  let built: { key: string; transform: GradientTransformation<S> } | undefined;
  const build = (values: { readonly [P in K]: number }) => {
    const key = JSON.stringify(names.map((n) => values[n]));
    if (built?.key !== key) built = { key, transform: factory(values) };
    return built.transform;
  };
  return {
    // NOTE: the inner optimizer's promise, as its first values build it (a schedule changes numbers, not code)
    get retainsOnlyState() {
      return build(valuesAt(0, Object.fromEntries(names.map((n) => [n, hyperparams[n]])) as { [P in K]: number })).retainsOnlyState === true;
    },
    init(params: Params) {
      const values = valuesAt(0, Object.fromEntries(names.map((n) => [n, hyperparams[n]])) as { [P in K]: number });
      return { count: 0, hyperparams: values, inner: build(values).init(params) };
    },
    update(grads, state, params, ctx) {
      checkState(op, state, ['count', 'hyperparams', 'inner']);
      for (const name of names) {
        const v = hyperparams[name];
        // NOTE: a scheduled value set by hand would be silently overwritten below; refuse it instead.
        if (typeof v === 'function' && state.hyperparams[name] !== v(Math.max(state.count - 1, 0))) {
          throw new ValueError(op, `hyper-parameter ${name} follows a schedule, so it cannot be set (it is ${state.hyperparams[name]} in the state, ` +
            `the schedule gave ${v(Math.max(state.count - 1, 0))}); give it as a number to control it by hand`);
        }
      }
      const values = valuesAt(state.count, state.hyperparams);
      for (const name of names) checkValue(op, name, values[name]);
      const [updates, inner] = build(values).update(grads, state.inner, params, ctx);
      return [updates, { count: state.count + 1, hyperparams: values, inner }];
    },
  };
}

/**
 * A copy of `state` with new hyper-parameter values: `state` is an {@link injectHyperparams} state or any
 * state holding some (a chain's tuple, nested objects); every such state that has a named
 * hyper-parameter gets the new value. Nothing is mutated. Throws a ValueError when no
 * injectHyperparams state holds one of the names, or a value is not a finite number.
 */
export function setHyperparams<S>(state: S, values: { readonly [name: string]: number }): S {
  const op = 'setHyperparams';
  for (const [name, v] of Object.entries(values)) checkValue(op, name, v);
  const found = new Set<string>();
  const walk = (node: unknown): unknown => {
    if (isInjectState(node)) {
      const hp: Record<string, number> = { ...node.hyperparams };
      for (const [name, v] of Object.entries(values)) {
        if (name in hp) {
          hp[name] = v;
          found.add(name);
        }
      }
      return { ...node, hyperparams: hp, inner: walk(node.inner) };
    }
    if (Array.isArray(node)) return node.map(walk);
    if (isPlainObject(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  const out = walk(state) as S;
  const missing = Object.keys(values).filter((n) => !found.has(n));
  if (missing.length > 0) {
    const held = Object.keys(getHyperparams(state));
    throw new ValueError(op, `no injectHyperparams state holds ${missing.map((n) => `'${n}'`).join(', ')}; ` +
      (held.length > 0 ? `the state holds ${held.join(', ')}` : 'the optimizer was not made with injectHyperparams'));
  }
  return out;
}

/**
 * The hyper-parameter values held in `state` (an {@link injectHyperparams} state, or any state nesting
 * such states, outermost first; the first one to hold a name wins). `{}` when there are none.
 */
export function getHyperparams(state: unknown): Readonly<Record<string, number>> {
  const out: Record<string, number> = {};
  const walk = (node: unknown): void => {
    if (isInjectState(node)) {
      for (const [k, v] of Object.entries(node.hyperparams)) if (!(k in out)) out[k] = v;
      walk(node.inner);
    } else if (Array.isArray(node)) node.forEach(walk);
    else if (isPlainObject(node)) Object.values(node).forEach(walk);
  };
  walk(state);
  return out;
}

function checkValue(op: string, name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValueError(op, `hyper-parameter ${name} must be a finite number or a schedule, got ${String(v)}`);
}

/** `{ count, hyperparams, inner }` with a number count and an object of numbers: what injectHyperparams keeps. */
function isInjectState(x: unknown): x is InjectHyperparamsState {
  if (!isPlainObject(x)) return false;
  const keys = Object.keys(x);
  const { count, hyperparams } = x as { count?: unknown; hyperparams?: unknown };
  return keys.length === 3 && 'inner' in x && typeof count === 'number' && isPlainObject(hyperparams) &&
    Object.values(hyperparams).every((v) => typeof v === 'number');
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}
