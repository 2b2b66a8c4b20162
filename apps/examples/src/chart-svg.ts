/** One curve of a line chart: points (x[i], y[i]) joined in order. */
export interface Series {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
}

export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Logarithmic y axis (decades); points with y ≤ 0 or non-finite y break the curve. Default true. */
  readonly logY?: boolean;
  /** Logarithmic x axis; points with x ≤ 0 are left out. Default false. */
  readonly logX?: boolean;
  /** Lowest y shown (on a log axis, curves that fall further are cut there). Default: the smallest y. */
  readonly yMin?: number;
  /** Highest y shown (curves that rise further, e.g. diverging ones, are cut there). Default: the largest y. */
  readonly yMax?: number;
  /** A dashed horizontal line at this y, e.g. the target loss. */
  readonly reference?: { readonly y: number; readonly label: string };
  readonly width?: number;
  readonly height?: number;
}

/** A 2-D path drawn over the contour plot, e.g. the iterates of one optimizer. */
export interface Path2d {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  /** Which series colour to draw it in (to match another chart). Default its place in the list. */
  readonly styleIndex?: number;
}

export interface ContourOptions {
  readonly title: string;
  /** The function whose level sets are drawn. */
  readonly f: (x: number, y: number) => number;
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  /** The levels f = c drawn as contour lines. */
  readonly levels: readonly number[];
  readonly paths?: readonly Path2d[];
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Grid cells per axis for marching squares. Default 160. */
  readonly resolution?: number;
  /** The picture's width; its height follows from the ranges, one unit as long on both axes. Default 760. */
  readonly width?: number;
  /** Names the plot's clip path, unique when several pictures share one document. Default 'plot'. */
  readonly id?: string;
}

/** Distinct line colours (Tableau 10, then ten darker ones that still show on white), reused with a dash pattern past 20 series. */
const COLORS = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
  '#393b79', '#e6550d', '#637939', '#111111', '#7b4173', '#3182bd', '#8c6d31', '#31a354', '#636363', '#ce6dbd',
];
const DASHES = ['', '6 3', '2 2', '8 3 2 3'];

/** The stroke of the i-th series: a colour, and a dash pattern once the colours run out. */
export function seriesStyle(i: number): { color: string; dash: string } {
  return { color: COLORS[i % COLORS.length], dash: DASHES[Math.floor(i / COLORS.length) % DASHES.length] };
}

/**
 * A line chart as a standalone SVG document: one curve per series, axes with tick labels, axis titles,
 * a legend on the right, and by default a logarithmic y axis (decades labelled 10ⁿ), so that curves of
 * loss falling by orders of magnitude stay readable. Dependency-free; the text is XML-escaped.
 */
export function lineChartSvg(series: readonly Series[], options: LineChartOptions): string {
  const { title, xLabel, yLabel, logY = true, logX = false, reference, width = 760, height = 460 } = options;
  if (series.length === 0) throw new RangeError('lineChartSvg: no series to draw');
  for (const s of series) {
    if (s.x.length !== s.y.length) throw new RangeError(`lineChartSvg: series "${s.name}" has ${s.x.length} x values but ${s.y.length} y values`);
  }
  const usableX = (x: number) => Number.isFinite(x) && (!logX || x > 0);
  const usableY = (y: number) => Number.isFinite(y) && (!logY || y > 0);
  const xs = series.flatMap((s) => s.x.filter((x, i) => usableX(x) && usableY(s.y[i])));
  const ys = series.flatMap((s) => s.y.filter((y, i) => usableX(s.x[i]) && usableY(y)));
  if (reference !== undefined && usableY(reference.y)) ys.push(reference.y);
  if (xs.length === 0) throw new RangeError('lineChartSvg: no point with a finite x and y to draw');
  const legendWidth = Math.min(260, 40 + 7 * Math.max(...series.map((s) => s.name.length)));
  const plot = { left: 70, top: 36, right: width - legendWidth - 16, bottom: height - 52 };
  const xAxis = axis(Math.min(...xs), Math.max(...xs), logX, plot.left, plot.right);
  const yAxis = axis(Math.max(options.yMin ?? -Infinity, Math.min(...ys)), Math.min(options.yMax ?? Infinity, Math.max(...ys)), logY, plot.bottom, plot.top);

  const out: string[] = [svgOpen(width, height), `<text x="${width / 2}" y="20" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`];
  out.push(`<clipPath id="plot"><rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}"/></clipPath>`);
  out.push(...gridAndAxes(plot, xAxis, yAxis, xLabel, yLabel));
  if (reference !== undefined && usableY(reference.y)) {
    const y = fmt(yAxis.map(reference.y));
    out.push(`<line x1="${plot.left}" y1="${y}" x2="${plot.right}" y2="${y}" stroke="#444" stroke-dasharray="4 4"/>`);
    out.push(`<text x="${plot.right - 4}" y="${fmt(yAxis.map(reference.y) - 4)}" text-anchor="end" font-size="11" fill="#444">${escapeXml(reference.label)}</text>`);
  }
  out.push('<g clip-path="url(#plot)" fill="none" stroke-width="1.6">');
  series.forEach((s, i) => {
    const { color, dash } = seriesStyle(i);
    const d = polyline(thin(s.x.map((x, k) => (usableX(x) && usableY(s.y[k]) ? [xAxis.map(x), yAxis.map(s.y[k])] as const : undefined))));
    if (d !== '') out.push(`<path d="${d}" stroke="${color}"${dash === '' ? '' : ` stroke-dasharray="${dash}"`}><title>${escapeXml(s.name)}</title></path>`);
  });
  out.push('</g>');
  out.push(...legend(series.map((s) => s.name), plot.right + 14, plot.top));
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/**
 * Contour lines of f(x, y) over a rectangle (marching squares on a grid), with paths drawn over them
 * (each iterate marked by a dot, the start by a ring) and a legend: the picture of an optimizer's
 * trajectory across an error surface.
 */
export function contourSvg(options: ContourOptions): string {
  const { title, f, xRange, yRange, levels, paths = [], xLabel = 'w₁', yLabel = 'w₂', resolution = 160, width = 760, id = 'plot' } = options;
  if (!(xRange[1] > xRange[0]) || !(yRange[1] > yRange[0])) throw new RangeError(`contourSvg: empty range x ${xRange.join('…')}, y ${yRange.join('…')}`);
  // one path is named by the title: no legend
  const legendWidth = paths.length <= 1 ? 0 : Math.min(260, 40 + 7 * Math.max(...paths.map((p) => p.name.length)));
  const plot = { left: 70, top: 36, right: width - legendWidth - 16, bottom: 0 };
  plot.bottom = plot.top + Math.round(((plot.right - plot.left) * (yRange[1] - yRange[0])) / (xRange[1] - xRange[0]));
  const height = plot.bottom + 52;
  const xAxis = axis(xRange[0], xRange[1], false, plot.left, plot.right, false);
  const yAxis = axis(yRange[0], yRange[1], false, plot.bottom, plot.top, false);

  const out: string[] = [svgOpen(width, height), `<text x="${width / 2}" y="20" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`];
  out.push(`<clipPath id="${id}"><rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}"/></clipPath>`);
  out.push(...gridAndAxes(plot, xAxis, yAxis, xLabel, yLabel));
  out.push(`<g clip-path="url(#${id})" fill="none">`);
  const n = resolution;
  const gx = Array.from({ length: n + 1 }, (_, i) => xRange[0] + ((xRange[1] - xRange[0]) * i) / n);
  const gy = Array.from({ length: n + 1 }, (_, j) => yRange[0] + ((yRange[1] - yRange[0]) * j) / n);
  const values = gy.map((y) => gx.map((x) => f(x, y)));
  for (const level of levels) {
    const d = marchingSquares(values, level)
      .map(([[i0, j0], [i1, j1]]) => `M${fmt(xAxis.map(lerp(gx, i0)))} ${fmt(yAxis.map(lerp(gy, j0)))}L${fmt(xAxis.map(lerp(gx, i1)))} ${fmt(yAxis.map(lerp(gy, j1)))}`)
      .join('');
    if (d !== '') out.push(`<path d="${d}" stroke="#bbb" stroke-width="1"><title>f = ${escapeXml(String(level))}</title></path>`);
  }
  paths.forEach((p, i) => {
    const { color, dash } = seriesStyle(p.styleIndex ?? i);
    const pts = p.points.map(([x, y]) => [xAxis.map(x), yAxis.map(y)] as const).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    if (pts.length === 0) return;
    out.push(`<g stroke="${color}" fill="${color}"><title>${escapeXml(p.name)}</title>`);
    out.push(`<path d="${polyline(pts)}" fill="none" stroke-width="1.5"${dash === '' ? '' : ` stroke-dasharray="${dash}"`}/>`);
    out.push(`<circle cx="${fmt(pts[0][0])}" cy="${fmt(pts[0][1])}" r="5" fill="none"/>`);
    for (const [x, y] of pts.slice(1, 200)) out.push(`<circle cx="${fmt(x)}" cy="${fmt(y)}" r="1.8" stroke="none"/>`);
    out.push('</g>');
  });
  out.push('</g>');
  if (paths.length > 1) out.push(...legend(paths.map((p) => p.name), plot.right + 14, plot.top));
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/**
 * Small multiples: standalone SVG pictures of one size laid out in rows of `columns` inside one SVG
 * document (nested `<svg>` elements), under a title.
 */
export function panelsSvg(title: string, panels: readonly string[], columns: number): string {
  if (panels.length === 0) throw new RangeError('panelsSvg: no panels');
  const size = (svg: string) => {
    const m = /^<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg);
    if (m === null) throw new RangeError('panelsSvg: a panel is not an SVG document with a width and height');
    return [Number(m[1]), Number(m[2])] as const;
  };
  const [w, h] = size(panels[0]);
  const rows = Math.ceil(panels.length / columns);
  const [width, height] = [w * Math.min(columns, panels.length), 36 + h * rows];
  const out = [svgOpen(width, height), `<text x="${width / 2}" y="24" text-anchor="middle" font-size="17">${escapeXml(title)}</text>`];
  panels.forEach((panel, i) => {
    const [x, y] = [(i % columns) * w, 36 + Math.floor(i / columns) * h];
    out.push(panel.trimEnd().replace(/^<svg /, `<svg x="${x}" y="${y}" `));
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** &, <, >, " and ' as XML entities, so that any name is safe inside text and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * Tick values for [lo, hi]: on a log axis every power of ten inside it (every other one past 8
 * decades, and the two ends' decades when the range is within one); on a linear axis 1, 2 or 5 × 10ⁿ
 * steps giving about 6 ticks.
 */
export function ticks(lo: number, hi: number, log: boolean): number[] {
  if (log) {
    const a = Math.floor(Math.log10(lo) + 1e-9);
    const b = Math.ceil(Math.log10(hi) - 1e-9);
    const every = b - a > 8 ? 2 : 1;
    const out: number[] = [];
    for (let k = a; k <= b; k += every) out.push(Number(`1e${k}`)); // exact decades: 10 ** -4 is 0.00009999…
    return out;
  }
  if (hi === lo) return [lo];
  const raw = (hi - lo) / 6;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

interface Axis {
  readonly map: (v: number) => number;
  readonly ticks: readonly number[];
  readonly log: boolean;
}

/** Maps [lo, hi] onto pixels [p0, p1]; with `snap`, widened to whole decades or whole tick steps first. */
function axis(lo: number, hi: number, log: boolean, p0: number, p1: number, snap = true): Axis {
  if (lo === hi) {
    lo = log ? lo / 10 : lo - 1;
    hi = log ? hi * 10 : hi + 1;
  }
  const t = ticks(lo, hi, log);
  if (snap && log) {
    lo = Math.min(lo, t[0]);
    hi = Math.max(hi, t[t.length - 1]);
  }
  const to = log ? Math.log10 : (v: number) => v;
  const [a, b] = [to(lo), to(hi)];
  return { map: (v) => p0 + ((to(v) - a) / (b - a)) * (p1 - p0), ticks: t.filter((v) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)), log };
}

function gridAndAxes(plot: { left: number; top: number; right: number; bottom: number }, x: Axis, y: Axis, xLabel: string, yLabel: string): string[] {
  const out: string[] = ['<g stroke="#e4e4e4" stroke-width="1">'];
  for (const t of x.ticks) out.push(`<line x1="${fmt(x.map(t))}" y1="${plot.top}" x2="${fmt(x.map(t))}" y2="${plot.bottom}"/>`);
  for (const t of y.ticks) out.push(`<line x1="${plot.left}" y1="${fmt(y.map(t))}" x2="${plot.right}" y2="${fmt(y.map(t))}"/>`);
  out.push('</g>');
  out.push(`<rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}" fill="none" stroke="#333"/>`);
  out.push('<g font-size="11" fill="#333">');
  for (const t of x.ticks) out.push(`<text x="${fmt(x.map(t))}" y="${plot.bottom + 15}" text-anchor="middle">${tickLabel(t, x.log)}</text>`);
  for (const t of y.ticks) out.push(`<text x="${plot.left - 6}" y="${fmt(y.map(t) + 4)}" text-anchor="end">${tickLabel(t, y.log)}</text>`);
  out.push('</g>');
  out.push(`<text x="${(plot.left + plot.right) / 2}" y="${plot.bottom + 38}" text-anchor="middle" font-size="13">${escapeXml(xLabel)}</text>`);
  const cy = (plot.top + plot.bottom) / 2;
  out.push(`<text x="18" y="${cy}" text-anchor="middle" font-size="13" transform="rotate(-90 18 ${cy})">${escapeXml(yLabel)}</text>`);
  return out;
}

function legend(names: readonly string[], x: number, y: number): string[] {
  const out: string[] = ['<g font-size="12">'];
  names.forEach((name, i) => {
    const { color, dash } = seriesStyle(i);
    const row = y + 8 + i * 17;
    out.push(`<line x1="${x}" y1="${row}" x2="${x + 24}" y2="${row}" stroke="${color}" stroke-width="2.5"${dash === '' ? '' : ` stroke-dasharray="${dash}"`}/>`);
    out.push(`<text x="${x + 30}" y="${row + 4}">${escapeXml(name)}</text>`);
  });
  out.push('</g>');
  return out;
}

/** 10⁻³ as superscript digits on a log axis; plain short numbers on a linear one. */
function tickLabel(v: number, log: boolean): string {
  if (log) {
    const k = Math.round(Math.log10(v));
    if (k === 0) return '1';
    if (k === 1) return '10';
    const sup = '⁰¹²³⁴⁵⁶⁷⁸⁹';
    return `10${k < 0 ? '⁻' : ''}${String(Math.abs(k)).split('').map((d) => sup[Number(d)]).join('')}`;
  }
  return Number.parseFloat(v.toPrecision(6)).toString();
}

/**
 * Drops the points that would not show: those less than half a pixel right of and a pixel above or
 * below the last one kept (a piece's last point always stays), so a curve of thousands of steps stays a
 * small file while its zigzags keep their height.
 */
export function thin(points: readonly (readonly [number, number] | undefined)[]): (readonly [number, number] | undefined)[] {
  const out: (readonly [number, number] | undefined)[] = [];
  let last: readonly [number, number] | undefined;
  points.forEach((p, i) => {
    const next = points[i + 1];
    if (p === undefined || last === undefined || next === undefined || Math.abs(p[0] - last[0]) >= 0.5 || Math.abs(p[1] - last[1]) >= 1) {
      out.push(p);
      last = p;
    }
  });
  return out;
}

/** An SVG path through the points, starting a new piece after every missing point. */
function polyline(points: readonly (readonly [number, number] | undefined)[]): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p === undefined) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${fmt(p[0])} ${fmt(p[1])}`;
    pen = true;
  }
  return d;
}

/**
 * The segments of the level set v = level in a grid of values v[j][i], in fractional grid
 * coordinates (i, j): each cell's crossings on its four edges, interpolated linearly and joined in
 * pairs (saddle cells are split by their centre value).
 */
export function marchingSquares(v: readonly (readonly number[])[], level: number): [[number, number], [number, number]][] {
  const segments: [[number, number], [number, number]][] = [];
  const cross = (a: number, b: number) => (level - a) / (b - a);
  for (let j = 0; j + 1 < v.length; j++) {
    for (let i = 0; i + 1 < v[j].length; i++) {
      const [a, b, c, d] = [v[j][i], v[j][i + 1], v[j + 1][i + 1], v[j + 1][i]]; // corners counter-clockwise from (i, j)
      const points: [number, number][] = [];
      if (a < level !== b < level) points.push([i + cross(a, b), j]);
      if (b < level !== c < level) points.push([i + 1, j + cross(b, c)]);
      if (c < level !== d < level) points.push([i + 1 - cross(c, d), j + 1]);
      if (d < level !== a < level) points.push([i, j + 1 - cross(d, a)]);
      if (points.length === 2) segments.push([points[0], points[1]]);
      else if (points.length === 4) {
        // a saddle: pair each crossing with its neighbour on the side of the centre value
        const centreBelow = (a + b + c + d) / 4 < level;
        const aBelow = a < level;
        if (centreBelow === aBelow) segments.push([points[0], points[1]], [points[2], points[3]]);
        else segments.push([points[0], points[3]], [points[1], points[2]]);
      }
    }
  }
  return segments;
}

function lerp(grid: readonly number[], t: number): number {
  const i = Math.min(Math.floor(t), grid.length - 2);
  return grid[i] + (grid[i + 1] - grid[i]) * (t - i);
}

function svgOpen(width: number, height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">\n<rect width="100%" height="100%" fill="white"/>`;
}

function fmt(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}
