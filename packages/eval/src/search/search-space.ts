import { type Rng, ValueError } from '@nn/tensor';

/** A real parameter drawn uniformly from [lo, hi]. */
export interface UniformParam {
  readonly kind: 'uniform';
  readonly lo: number;
  readonly hi: number;
}
/** A real parameter whose logarithm is uniform on [ln lo, ln hi] (learning rates, decays). */
export interface LogUniformParam {
  readonly kind: 'logUniform';
  readonly lo: number;
  readonly hi: number;
}
/** An integer parameter in lo … hi (both included), uniform on that scale or on a log scale. */
export interface IntRangeParam {
  readonly kind: 'intRange';
  readonly lo: number;
  readonly hi: number;
  readonly log: boolean;
}
/** One of a list of values (strings, numbers, booleans, null): a categorical parameter. */
export interface ChoiceParam<T extends ChoiceValue = ChoiceValue> {
  readonly kind: 'choice';
  readonly options: readonly T[];
}
export type ChoiceValue = string | number | boolean | null;
export type ParamSpec = UniformParam | LogUniformParam | IntRangeParam | ChoiceParam;

/** A search space: one named parameter specification per hyper-parameter. */
export type SearchSpace = { readonly [name: string]: ParamSpec };

/** The values a space gives: numbers for ranges, the option type for a choice. */
export type ParamsOf<S extends SearchSpace> = {
  -readonly [K in keyof S]: S[K] extends ChoiceParam<infer T> ? T : number;
};

function checkRange(op: string, lo: number, hi: number): void {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new ValueError(op, `expected finite bounds, got [${lo}, ${hi}]`);
  if (!(lo < hi)) throw new ValueError(op, `empty range: expected lo < hi, got [${lo}, ${hi}] (use choice([v]) for a constant)`);
}

/** x ~ U(lo, hi). */
export function uniform(lo: number, hi: number): UniformParam {
  checkRange('uniform', lo, hi);
  return { kind: 'uniform', lo, hi };
}

/** ln x ~ U(ln lo, ln hi), for 0 < lo < hi. */
export function logUniform(lo: number, hi: number): LogUniformParam {
  checkRange('logUniform', lo, hi);
  if (lo <= 0) throw new ValueError('logUniform', `expected positive bounds for a log scale, got [${lo}, ${hi}]`);
  return { kind: 'logUniform', lo, hi };
}

/** An integer in lo … hi, uniform (or log-uniform with `{ log: true }`, for layer widths). */
export function intRange(lo: number, hi: number, { log = false }: { readonly log?: boolean } = {}): IntRangeParam {
  if (!Number.isInteger(lo) || !Number.isInteger(hi)) throw new ValueError('intRange', `expected integer bounds, got [${lo}, ${hi}]`);
  checkRange('intRange', lo, hi);
  if (log && lo <= 0) throw new ValueError('intRange', `expected positive bounds for a log scale, got [${lo}, ${hi}]`);
  return { kind: 'intRange', lo, hi, log };
}

/** One of `options`, each equally likely. */
export function choice<const T extends ChoiceValue>(options: readonly T[]): ChoiceParam<T> {
  if (!Array.isArray(options) || options.length === 0) throw new ValueError('choice', 'expected at least one option, got none');
  const seen = new Set<ChoiceValue>();
  for (const o of options) {
    if (!['string', 'number', 'boolean'].includes(typeof o) && o !== null) {
      throw new ValueError('choice', `options must be strings, numbers, booleans or null (JSON-safe), got ${typeof o}`);
    }
    if (seen.has(o)) throw new ValueError('choice', `option ${JSON.stringify(o)} appears twice`);
    seen.add(o);
  }
  return { kind: 'choice', options: [...options] };
}

/** Checks a space built by hand (not through the factories) and returns its parameter names, in order. */
export function checkSpace(op: string, space: SearchSpace): string[] {
  if (space === null || typeof space !== 'object') throw new ValueError(op, `expected a search space object, got ${String(space)}`);
  const names = Object.keys(space);
  if (names.length === 0) throw new ValueError(op, 'the search space has no parameters');
  for (const name of names) {
    const p = space[name];
    try {
      if (p?.kind === 'uniform') uniform(p.lo, p.hi);
      else if (p?.kind === 'logUniform') logUniform(p.lo, p.hi);
      else if (p?.kind === 'intRange') intRange(p.lo, p.hi, { log: p.log });
      else if (p?.kind === 'choice') choice(p.options);
      else throw new ValueError(op, `unknown kind ${JSON.stringify((p as { kind?: unknown })?.kind)}`);
    } catch (e) {
      throw new ValueError(op, `parameter '${name}': ${(e as Error).message}`);
    }
  }
  return names;
}

/** A random point of the space (each parameter by its own distribution). */
export function sampleParams<S extends SearchSpace>(space: S, rng: Rng): ParamsOf<S> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(space)) out[name] = fromUnit(space[name], rng.uniform());
  return out as ParamsOf<S>;
}

/**
 * The unit-interval coordinate of a range parameter's value: linear for uniform, logarithmic for
 * log-uniform; an integer k sits at the middle of its cell, (k − lo + ½) / (hi − lo + 1).
 */
export function toUnit(p: Exclude<ParamSpec, ChoiceParam>, value: number): number {
  if (p.kind === 'uniform') return (value - p.lo) / (p.hi - p.lo);
  if (p.kind === 'logUniform') return Math.log(value / p.lo) / Math.log(p.hi / p.lo);
  if (p.log) {
    const a = Math.log(p.lo - 0.5);
    return (Math.log(value) - a) / (Math.log(p.hi + 0.5) - a);
  }
  return (value - p.lo + 0.5) / (p.hi - p.lo + 1);
}

/** The value at unit coordinate u ∈ [0, 1] (the inverse of `toUnit`; integers round to their cell). */
export function fromUnit(p: ParamSpec, u: number): ChoiceValue {
  const v = Math.min(1, Math.max(0, u));
  switch (p.kind) {
    case 'uniform':
      return Math.min(p.hi, p.lo + v * (p.hi - p.lo));
    case 'logUniform':
      return Math.min(p.hi, Math.max(p.lo, p.lo * Math.exp(v * Math.log(p.hi / p.lo))));
    case 'intRange': {
      const x = p.log
        ? Math.exp(Math.log(p.lo - 0.5) + v * (Math.log(p.hi + 0.5) - Math.log(p.lo - 0.5)))
        : p.lo - 0.5 + v * (p.hi - p.lo + 1);
      return Math.min(p.hi, Math.max(p.lo, Math.round(x)));
    }
    case 'choice':
      return p.options[Math.min(p.options.length - 1, Math.floor(v * p.options.length))];
  }
}

/** Width of the encoding of a space: 1 per range parameter, one per option of a choice (one-hot). */
export function encodedSize(space: SearchSpace): number {
  let d = 0;
  for (const p of Object.values(space)) d += p.kind === 'choice' ? p.options.length : 1;
  return d;
}

/**
 * The point as a vector in the unit cube: range parameters by `toUnit` (log scale for log
 * parameters), choices one-hot. This is what a Gaussian process or a mutation works on.
 */
export function encodeParams(space: SearchSpace, params: Record<string, unknown>, out = new Float64Array(encodedSize(space))): Float64Array {
  let j = 0;
  for (const [name, p] of Object.entries(space)) {
    if (p.kind === 'choice') {
      const k = p.options.indexOf(params[name] as ChoiceValue);
      for (let i = 0; i < p.options.length; i++) out[j + i] = i === k ? 1 : 0;
      j += p.options.length;
    } else {
      out[j++] = toUnit(p, params[name] as number);
    }
  }
  return out;
}

/** The inverse of `encodeParams`: coordinates clipped to [0, 1], integers rounded, a choice by its largest entry. */
export function decodeParams<S extends SearchSpace>(space: S, x: ArrayLike<number>): ParamsOf<S> {
  const out: Record<string, unknown> = {};
  let j = 0;
  for (const [name, p] of Object.entries(space)) {
    if (p.kind === 'choice') {
      let best = 0;
      for (let i = 1; i < p.options.length; i++) if (x[j + i] > x[j + best]) best = i;
      out[name] = p.options[best];
      j += p.options.length;
    } else {
      out[name] = fromUnit(p, x[j++]);
    }
  }
  return out as ParamsOf<S>;
}

/** Checks that `params` is a point of `space` (used when a saved log is resumed). */
export function isPointOf(space: SearchSpace, params: unknown): boolean {
  if (params === null || typeof params !== 'object') return false;
  const rec = params as Record<string, unknown>;
  if (Object.keys(rec).length !== Object.keys(space).length) return false;
  return Object.entries(space).every(([name, p]) => {
    const v = rec[name];
    if (p.kind === 'choice') return p.options.includes(v as ChoiceValue);
    if (typeof v !== 'number' || v < p.lo || v > p.hi) return false;
    return p.kind !== 'intRange' || Number.isInteger(v);
  });
}
