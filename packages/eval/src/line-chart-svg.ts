import { ValueError } from '@nn/tensor';

/** One line of a chart: a name for the legend and its (x, y) points, drawn in the order given. */
export interface LineSeries {
  readonly name: string;
  readonly points: readonly (readonly [x: number, y: number])[];
}

export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly LineSeries[];
  /** Logarithmic y axis (every y must be > 0). Default false. */
  readonly logY?: boolean;
  /** Logarithmic x axis (every x must be > 0). Default false. */
  readonly logX?: boolean;
  /** Size of the image in pixels. Default 640 × 400. */
  readonly width?: number;
  readonly height?: number;
  /** Draw a dot on every point as well as the line. Default: when a series has at most 40 points. */
  readonly markers?: boolean;
}

/** Colour-blind-safe palette (Okabe & Ito, 2008), cycled over the series. */
const COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'];
const MARGIN = { left: 72, right: 20, top: 40, bottom: 56 } as const;
const LEGEND_LINE = 18;

/**
 * A line chart as a standalone SVG document (a pure string: no DOM, no files, browser-safe). Each series
 * is one `<path>` whose vertices are its points mapped affinely (or log-affinely with `logX` / `logY`)
 * onto the plot area, x to the right and y upwards; axes carry "nice" ticks (1, 2, 5 × 10ᵏ, or powers
 * of ten on a log axis) and a legend names the series.
 */
export function lineChartSvg(options: LineChartOptions): string {
  const { title, xLabel, yLabel, series, logX = false, logY = false, width = 640, height = 400 } = options;
  const op = 'lineChartSvg';
  if (series === undefined || series.length === 0) throw new ValueError(op, 'expected at least one series, got none');
  if (!(width >= 200 && height >= 150)) throw new ValueError(op, `expected a width ≥ 200 and a height ≥ 150, got ${width} × ${height}`);
  let points = 0;
  series.forEach((s, k) => {
    s.points.forEach(([x, y], i) => {
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        throw new ValueError(op, `series '${s.name}' (${k}) has a non-finite point (${x}, ${y}) at index ${i}`);
      }
      if (logX && x <= 0) throw new ValueError(op, `logX needs x > 0, but series '${s.name}' has x = ${x} at index ${i}`);
      if (logY && y <= 0) throw new ValueError(op, `logY needs y > 0, but series '${s.name}' has y = ${y} at index ${i}`);
    });
    points += s.points.length;
  });
  if (points === 0) throw new ValueError(op, 'expected at least one point, got series with none');

  const fx = logX ? Math.log10 : (v: number) => v;
  const fy = logY ? Math.log10 : (v: number) => v;
  const xs = series.flatMap((s) => s.points.map((p) => fx(p[0])));
  const ys = series.flatMap((s) => s.points.map((p) => fy(p[1])));
  const xAxis = axis(Math.min(...xs), Math.max(...xs), logX);
  const yAxis = axis(Math.min(...ys), Math.max(...ys), logY);

  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const px = (v: number) => MARGIN.left + ((v - xAxis.lo) / (xAxis.hi - xAxis.lo)) * plotW;
  const py = (v: number) => MARGIN.top + plotH - ((v - yAxis.lo) / (yAxis.hi - yAxis.lo)) * plotH;
  const bottom = MARGIN.top + plotH;
  const right = MARGIN.left + plotW;

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${fmt(width / 2)}" y="22" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`,
    `<g class="grid" stroke="#e5e5e5" stroke-width="1">`,
  ];
  for (const t of xAxis.ticks) out.push(`<line x1="${fmt(px(t))}" y1="${MARGIN.top}" x2="${fmt(px(t))}" y2="${bottom}"/>`);
  for (const t of yAxis.ticks) out.push(`<line x1="${MARGIN.left}" y1="${fmt(py(t))}" x2="${right}" y2="${fmt(py(t))}"/>`);
  out.push('</g>');
  out.push(`<g class="axes" stroke="#333333" stroke-width="1" fill="none">`);
  out.push(`<line x1="${MARGIN.left}" y1="${bottom}" x2="${right}" y2="${bottom}"/>`);
  out.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${bottom}"/>`);
  out.push('</g>');
  out.push(`<g class="x-ticks" text-anchor="middle" fill="#333333">`);
  for (const t of xAxis.ticks) out.push(`<text x="${fmt(px(t))}" y="${bottom + 16}">${escapeXml(xAxis.label(t))}</text>`);
  out.push('</g>');
  out.push(`<g class="y-ticks" text-anchor="end" fill="#333333">`);
  for (const t of yAxis.ticks) out.push(`<text x="${MARGIN.left - 6}" y="${fmt(py(t) + 4)}">${escapeXml(yAxis.label(t))}</text>`);
  out.push('</g>');
  out.push(`<text x="${fmt(MARGIN.left + plotW / 2)}" y="${height - 14}" text-anchor="middle">${escapeXml(xLabel)}</text>`);
  out.push(
    `<text x="16" y="${fmt(MARGIN.top + plotH / 2)}" text-anchor="middle" transform="rotate(-90 16 ${fmt(MARGIN.top + plotH / 2)})">${escapeXml(yLabel)}</text>`,
  );

  series.forEach((s, k) => {
    const color = COLORS[k % COLORS.length];
    const verts = s.points.map(([x, y]) => [px(fx(x)), py(fy(y))] as const);
    const d = verts.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${fmt(x)},${fmt(y)}`).join(' ');
    const name = escapeXml(s.name);
    out.push(`<g class="series" data-name="${name}">`);
    if (verts.length > 0) out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"/>`);
    if (options.markers ?? s.points.length <= 40) {
      for (const [x, y] of verts) out.push(`<circle cx="${fmt(x)}" cy="${fmt(y)}" r="2.5" fill="${color}"/>`);
    }
    out.push('</g>');
  });

  out.push(`<g class="legend">`);
  series.forEach((s, k) => {
    const y = MARGIN.top + 10 + k * LEGEND_LINE;
    const x = right - 150;
    out.push(`<line x1="${x}" y1="${y}" x2="${x + 20}" y2="${y}" stroke="${COLORS[k % COLORS.length]}" stroke-width="2"/>`);
    out.push(`<text x="${x + 26}" y="${y + 4}">${escapeXml(s.name)}</text>`);
  });
  out.push('</g>');
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

interface Axis {
  /** The range drawn, in the (possibly log10) axis coordinate. */
  readonly lo: number;
  readonly hi: number;
  readonly ticks: readonly number[];
  readonly label: (t: number) => string;
}

/** The drawn range and ticks for data in [min, max] (already log10 on a log axis). */
function axis(min: number, max: number, log: boolean): Axis {
  if (log) {
    let lo = Math.floor(min);
    let hi = Math.ceil(max);
    if (hi === lo) hi = lo + 1;
    const step = Math.max(1, Math.ceil((hi - lo) / 8));
    lo = Math.floor(lo / step) * step;
    const ticks: number[] = [];
    for (let t = lo; t <= hi + 1e-9; t += step) ticks.push(t);
    return { lo, hi, ticks, label: (t) => formatTick(10 ** t) };
  }
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const step = niceStep((max - min) / 6);
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; lo + i * step <= hi + step * 1e-9; i++) ticks.push(roundTo(lo + i * step, step));
  return { lo, hi, ticks, label: formatTick };
}

/** The smallest 1, 2 or 5 × 10ᵏ at least `raw`. */
function niceStep(raw: number): number {
  const k = Math.floor(Math.log10(raw));
  const base = 10 ** k;
  for (const m of [1, 2, 5, 10]) if (m * base >= raw * (1 - 1e-12)) return m * base;
  return 10 * base;
}

function roundTo(v: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(v.toFixed(Math.min(20, digits)));
}

function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(6)));
}

/** Coordinates with two decimals, no trailing zeros. */
function fmt(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
