import { describe, expect, it } from 'vitest';
import { contourSvg, escapeXml, lineChartSvg, marchingSquares, panelsSvg, thin, ticks } from './chart-svg';
import { checkSvgWellFormed } from './chart-svg-check';

/** The numbers of an SVG path's d attribute, as [x, y] pairs. */
function pathPoints(d: string): [number, number][] {
  return [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('ticks', () => {
  it('puts a tick at every decade on a log axis', () => {
    expect(ticks(0.003, 50, true)).toEqual([1e-3, 1e-2, 1e-1, 1, 10, 100]);
  });

  it('keeps every other decade past eight', () => {
    expect(ticks(1e-12, 1, true)).toEqual([1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1]);
  });

  it('steps by 1, 2 or 5 × 10ⁿ on a linear axis', () => {
    expect(ticks(0, 10, false)).toEqual([0, 2, 4, 6, 8, 10]); // (10 − 0) / 6 ≈ 1.7 → step 2
    expect(ticks(-3, 3, false)).toEqual([-3, -2, -1, 0, 1, 2, 3]); // 6 / 6 = 1 → step 1
    expect(ticks(0, 0.25, false)).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25].map((v) => expect.closeTo(v, 12)));
  });
});

describe('thin', () => {
  it('drops points less than ½ px right and 1 px up or down from the last kept, never a piece end', () => {
    const points = [[0, 0], [0.1, 0.2], [0.2, 5], [0.3, 5.5], [1, 6], undefined, [2, 2], [2.1, 2]] as const;
    // (0.1, 0.2): too close, dropped; (0.2, 5): 5 px lower, kept; (0.3, 5.5) too close; (1, 6) ends a piece
    expect(thin(points)).toEqual([[0, 0], [0.2, 5], [1, 6], undefined, [2, 2], [2.1, 2]]);
  });
});

describe('escapeXml', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
  });
});

describe('marchingSquares', () => {
  it('traces a circle: every crossing lies on x² + y² = 1 up to the linear interpolation', () => {
    const n = 40;
    const at = (k: number) => -2 + (4 * k) / n;
    const grid = Array.from({ length: n + 1 }, (_, j) => Array.from({ length: n + 1 }, (_, i) => at(i) ** 2 + at(j) ** 2));
    const segments = marchingSquares(grid, 1);
    // the circle of radius 1 crosses about 2π / (cell size 0.1) ≈ 63 cells, at least 4·(2·10) / √2 ≈ 57 of them
    expect(segments.length).toBeGreaterThan(50);
    for (const point of segments.flat()) {
      const r = Math.hypot(at(point[0]), at(point[1]));
      expect(Math.abs(r - 1)).toBeLessThan(0.01); // chord error of a cell 0.1 wide on radius 1
    }
  });

  it('finds nothing for a level outside the values', () => {
    expect(marchingSquares([[0, 1], [1, 2]], 5)).toEqual([]);
  });
});

describe('lineChartSvg', () => {
  const series = [
    { name: 'sgd', x: [0, 1, 2, 3], y: [100, 10, 1, 0.1] },
    { name: 'a<b & "c"', x: [0, 1, 2, 3], y: [100, 1, 0, 1e-4] }, // y = 0 breaks the curve on a log axis
  ];

  it('writes a well-formed SVG with a curve and a legend entry per series', () => {
    const svg = lineChartSvg(series, { title: 'loss', xLabel: 'steps', yLabel: 'f(w)', reference: { y: 1e-3, label: 'target' } });
    checkSvgWellFormed(svg);
    expect(svg).toContain('<title>sgd</title>');
    expect(svg).toContain('a&lt;b &amp; &quot;c&quot;');
    expect(svg).toContain('>10⁻⁴<');
    expect(svg).toContain('>target<');
    const curves = [...svg.matchAll(/<path d="([^"]+)" stroke="(#[0-9a-f]{6})"/g)];
    expect(curves.map((m) => m[2])).toEqual(['#1f77b4', '#ff7f0e']);
    // sgd falls one decade per step: equal steps down the log axis (y grows downwards in SVG)
    const sgd = pathPoints(curves[0][1]);
    expect(sgd).toHaveLength(4);
    const dy = sgd.slice(1).map((p, i) => p[1] - sgd[i][1]);
    for (const d of dy) expect(d).toBeCloseTo(dy[0], 0);
    expect(dy[0]).toBeGreaterThan(0);
    // the second curve starts again after its missing point: two moves
    expect(curves[1][1].match(/M/g)).toHaveLength(2);
  });

  it('refuses a series whose x and y differ in length', () => {
    expect(() => lineChartSvg([{ name: 'bad', x: [1, 2], y: [1] }], { title: '', xLabel: '', yLabel: '' })).toThrow(/lineChartSvg: series "bad" has 2 x values but 1 y values/);
  });
});

describe('contourSvg', () => {
  it('draws the level sets and each path with a dot per iterate', () => {
    const svg = contourSvg({
      title: 'bowl',
      f: (x, y) => 0.5 * (x * x + 10 * y * y),
      xRange: [-3, 3],
      yRange: [-1.5, 1.5],
      levels: [0.1, 1, 4],
      paths: [{ name: 'gd', points: [[3, 1], [2, -0.5], [1, 0.25]] }],
      resolution: 60,
    });
    checkSvgWellFormed(svg);
    expect(svg.match(/<title>f = /g)).toHaveLength(3);
    expect(svg).toContain('<title>gd</title>');
    expect(svg.match(/<circle /g)).toHaveLength(3); // a ring at the start, a dot at each later iterate
  });
});

describe('panelsSvg', () => {
  it('lays pictures out in rows inside one document, each with its own clip path', () => {
    const panel = (i: number) => contourSvg({ title: `p${i}`, f: (x, y) => x * x + y * y, xRange: [-1, 1], yRange: [-1, 1], levels: [0.5], width: 200, id: `c${i}`, resolution: 20 });
    const svg = panelsSvg('all', [0, 1, 2].map(panel), 2);
    checkSvgWellFormed(svg);
    // a 200-wide panel: plot 200 − 70 − 16 = 114 px wide, so 114 px high (equal units), 36 + 114 + 52 = 202 in all
    expect(svg).toMatch(/^<svg [^>]*width="400" height="440"/); // 2 columns; 36 + 2 rows × 202
    expect([...svg.matchAll(/<svg x="(\d+)" y="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])])).toEqual([[0, 36], [200, 36], [0, 238]]);
    expect([...svg.matchAll(/<clipPath id="(c\d)"/g)].map((m) => m[1])).toEqual(['c0', 'c1', 'c2']);
  });
});

describe('checkSvgWellFormed', () => {
  it('finds unclosed and misnested tags, unquoted attributes and stray ampersands', () => {
    expect(() => checkSvgWellFormed('<svg><g></svg>')).toThrow(/closes <g>/);
    expect(() => checkSvgWellFormed('<svg><g>')).toThrow(/never closed/);
    expect(() => checkSvgWellFormed('<svg width=3></svg>')).toThrow(/malformed tag/);
    expect(() => checkSvgWellFormed('<svg><text>a & b</text></svg>')).toThrow(/unescaped '&'/);
    expect(() => checkSvgWellFormed('<svg></svg><svg></svg>')).toThrow(/root must be one/);
    expect(() => checkSvgWellFormed('<svg><text>a &amp; b</text><g/></svg>')).not.toThrow();
  });
});
