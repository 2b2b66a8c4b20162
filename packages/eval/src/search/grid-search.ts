import { ValueError } from '@nn/tensor';
import { type SearchOptions, type SearchResult, runSearch } from './run-search';
import { type ChoiceValue, type ParamSpec, type ParamsOf, type SearchSpace, checkSpace, fromUnit } from './search-space';

export interface GridSearchOptions<S extends SearchSpace> extends SearchOptions<S> {
  /**
   * Values per range parameter (a number for all, or per name): evenly spaced on the parameter's scale
   * from lo to hi, both included (fewer for a short integer range). Choices use every option. Default 3.
   */
  readonly points?: number | { readonly [K in keyof S]?: number };
}

/** The values of one parameter on the grid. */
export function gridValues(p: ParamSpec, points: number): ChoiceValue[] {
  if (p.kind === 'choice') return [...p.options];
  if (points === 1) return [fromUnit(p, 0.5)];
  const values: ChoiceValue[] = [];
  for (let i = 0; i < points; i++) {
    const u = i / (points - 1);
    // Bounds exactly: lo and hi themselves, not the middle of their integer cells.
    const v = i === 0 ? p.lo : i === points - 1 ? p.hi : fromUnit(p, u);
    if (!values.includes(v)) values.push(v);
  }
  return values;
}

/**
 * Every combination of a few values per parameter (the Cartesian product, the last parameter varying
 * fastest). The cost grows as the product of the counts; prefer `randomSearch` beyond 2–3 parameters.
 */
export async function gridSearch<S extends SearchSpace>(options: GridSearchOptions<S>): Promise<SearchResult<ParamsOf<S>>> {
  const op = 'gridSearch';
  const names = checkSpace(op, options.space);
  const { points = 3 } = options;
  const axes = names.map((name) => {
    const n = typeof points === 'number' ? points : (points[name] ?? 3);
    if (!Number.isInteger(n) || n < 1) throw new ValueError(op, `points for '${name}' must be a positive integer, got ${n}`);
    return gridValues(options.space[name], n);
  });
  const total = axes.reduce((s, a) => s * a.length, 1);
  if (total > 1e6) throw new ValueError(op, `the grid has ${total} points; use randomSearch or fewer points`);
  const point = (k: number) => {
    const out: Record<string, ChoiceValue> = {};
    for (let j = names.length - 1; j >= 0; j--) {
      out[names[j]] = axes[j][k % axes[j].length];
      k = Math.floor(k / axes[j].length);
    }
    return Object.fromEntries(names.map((n) => [n, out[n]])) as ParamsOf<S>;
  };
  return runSearch(op, options, total, (history, count) => Array.from({ length: count }, (_, i) => point(history.length + i)), { independent: true });
}
