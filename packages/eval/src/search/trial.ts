/** What the objective is told besides the parameters: the trial's number and a seed for its randomness. */
export interface TrialContext {
  readonly trial: number;
  /** Derived from the search's seed and the trial number only: the same trial gets the same seed on any executor. */
  readonly seed: number;
}

/**
 * The function a search minimizes (or maximizes with `mode: 'max'`): a validation error or a
 * cross-validated score, never a test-set score. Returning NaN or ±∞, or throwing, fails the trial;
 * the search records it and goes on.
 */
export type Objective<P> = (params: P, context: TrialContext) => number | Promise<number>;

/** One trial as it is handed to an executor: plain JSON, so it can cross a thread or a network. */
export interface TrialSpec<P = Record<string, unknown>> {
  readonly id: number;
  readonly params: P;
  readonly seed: number;
}

/** One evaluated point of a search; a line of its JSON-lines log. */
export interface Trial<P = Record<string, unknown>> {
  /** 0, 1, 2, … in the order the search proposed the points. */
  readonly id: number;
  readonly params: P;
  /** The objective's value; null when the trial failed. */
  readonly score: number | null;
  readonly status: 'ok' | 'failed';
  /** Why it failed: the thrown message, or "returned NaN". */
  readonly error?: string;
  readonly seed: number;
  /** Wall-clock seconds the evaluation took. */
  readonly seconds: number;
}

/** 'min': lower scores are better (errors, losses); 'max': higher are better (accuracy). */
export type SearchMode = 'min' | 'max';

/** The trials sorted best first (failed trials last, in id order). */
export function sortTrials<P>(trials: readonly Trial<P>[], mode: SearchMode = 'min'): Trial<P>[] {
  const sign = mode === 'max' ? -1 : 1;
  return [...trials].sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === null ? (b.score === null ? a.id - b.id : 1) : -1;
    return sign * (a.score - b.score) || a.id - b.id;
  });
}

/** The best successful trial, or undefined when none succeeded. */
export function bestTrial<P>(trials: readonly Trial<P>[], mode: SearchMode = 'min'): Trial<P> | undefined {
  const [first] = sortTrials(trials, mode);
  return first?.score === null ? undefined : first;
}
