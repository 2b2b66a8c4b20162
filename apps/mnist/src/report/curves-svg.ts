/** One named series of per-epoch values. */
export interface Series {
  readonly name: string;
  readonly values: readonly number[];
  readonly color: string;
  readonly dashed?: boolean;
}

const W = 640;
const H = 360;
const M = { left: 60, right: 140, top: 30, bottom: 45 };

/** A line chart of per-epoch curves as an SVG document (axes, ticks, legend), for a browser to show. */
export function curvesSvg(title: string, series: readonly Series[], yLabel: string): string {
  const all = series.flatMap((s) => s.values).filter(Number.isFinite);
  const epochs = Math.max(1, ...series.map((s) => s.values.length));
  const lo = Math.min(0, ...all);
  const hi = all.length === 0 ? 1 : Math.max(...all) * 1.05 || 1;
  const x = (i: number) => M.left + (epochs === 1 ? 0.5 : i / (epochs - 1)) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - ((v - lo) / (hi - lo)) * (H - M.top - M.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="14">${escape(title)}</text>`,
    `<line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="black"/>`,
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}" stroke="black"/>`,
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle">epoch</text>`,
    `<text x="14" y="${(M.top + H - M.bottom) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(M.top + H - M.bottom) / 2})">${escape(yLabel)}</text>`,
  ];
  for (let t = 0; t <= 4; t++) {
    const v = lo + ((hi - lo) * t) / 4;
    out.push(`<text x="${M.left - 6}" y="${y(v) + 4}" text-anchor="end">${format(v)}</text>`, `<line x1="${M.left}" y1="${y(v)}" x2="${W - M.right}" y2="${y(v)}" stroke="#ddd"/>`);
  }
  const step = Math.max(1, Math.ceil(epochs / 10));
  for (let i = 0; i < epochs; i += step) out.push(`<text x="${x(i)}" y="${H - M.bottom + 16}" text-anchor="middle">${i + 1}</text>`);
  series.forEach((s, k) => {
    const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    out.push(`<polyline points="${points}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`);
    s.values.forEach((v, i) => out.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5" fill="${s.color}"/>`));
    const ly = M.top + 10 + k * 18;
    out.push(`<line x1="${W - M.right + 10}" y1="${ly}" x2="${W - M.right + 34}" y2="${ly}" stroke="${s.color}" stroke-width="2"${dash}/>`, `<text x="${W - M.right + 40}" y="${ly + 4}">${escape(s.name)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function format(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
