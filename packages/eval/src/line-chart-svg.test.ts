import { describe, expect, it } from 'vitest';
import { ValueError } from '@nn/tensor';
import { lineChartSvg } from './line-chart-svg';

/** Checks that every tag is closed in order and every attribute is quoted; returns the element names seen. */
function parseXml(svg: string): string[] {
  const stack: string[] = [];
  const seen: string[] = [];
  const text = svg.replace(/<\?xml[^>]*\?>/, '');
  const tag = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(text); m !== null; m = tag.exec(text)) {
    const between = text.slice(last, m.index);
    if (/[<>]/.test(between)) throw new Error(`stray markup before offset ${m.index}: ${between}`);
    if (/&(?!(amp|lt|gt|quot|apos);)/.test(between)) throw new Error(`unescaped & in ${between}`);
    last = tag.lastIndex;
    const [, close, name, , selfClose] = m;
    if (close) {
      if (stack.pop() !== name) throw new Error(`</${name}> closes the wrong element`);
    } else {
      seen.push(name);
      if (!selfClose) stack.push(name);
    }
  }
  if (/[<>]/.test(text.slice(last))) throw new Error('stray markup at the end');
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(', ')}`);
  return seen;
}

/** The vertices of each series' path, in order. */
function paths(svg: string): [number, number][][] {
  return [...svg.matchAll(/<path d="([^"]*)"/g)].map(([, d]) =>
    d.split(' ').map((v) => v.slice(1).split(',').map(Number) as [number, number]),
  );
}

/** True when the pixel coordinates are an increasing affine image of the data (up to rounding to 0.01 px). */
function affine(data: number[], pixels: number[]): boolean {
  const scale = (pixels[pixels.length - 1] - pixels[0]) / (data[data.length - 1] - data[0]);
  return data.every((v, i) => Math.abs(pixels[0] + (v - data[0]) * scale - pixels[i]) < 0.02);
}

describe('lineChartSvg', () => {
  const chart = () =>
    lineChartSvg({
      title: 'Loss <train & valid>',
      xLabel: 'epoch',
      yLabel: 'loss',
      series: [
        { name: 'train', points: [[0, 4], [1, 2], [2, 1], [3, 0.5]] },
        { name: 'valid', points: [[0, 4.5], [1, 3], [3, 2]] },
      ],
    });

  it('writes a well-formed standalone SVG document', () => {
    const svg = chart();
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const elements = parseXml(svg);
    expect(elements[0]).toBe('svg');
    expect(elements.filter((e) => e === 'path')).toHaveLength(2);
  });

  it('escapes the text it is given', () => {
    const svg = chart();
    expect(svg).toContain('Loss &lt;train &amp; valid&gt;');
    expect(svg).not.toContain('<train');
  });

  it('draws each series as one path through its points, x to the right and y upwards', () => {
    const [train, valid] = paths(chart());
    expect(train).toHaveLength(4);
    expect(valid).toHaveLength(3);
    // x: both series share one affine map; y: larger values sit higher, i.e. at smaller pixel y.
    expect(affine([0, 1, 2, 3, 0, 1, 3], [...train, ...valid].map((p) => p[0]))).toBe(true);
    const ys = [4, 2, 1, 0.5, 4.5, 3, 2];
    const pys = [...train, ...valid].map((p) => p[1]);
    expect(affine(ys.map((v) => -v), pys)).toBe(true);
    expect(pys[0]).toBeLessThan(pys[1]);
  });

  it('maps log10 of the values on a log axis', () => {
    const svg = lineChartSvg({
      title: 't', xLabel: 'lr', yLabel: 'error', logX: true, logY: true,
      series: [{ name: 's', points: [[1e-4, 1], [1e-2, 10], [1, 1000]] }],
    });
    parseXml(svg);
    const [s] = paths(svg);
    // log10 x = −4, −2, 0 are evenly spaced; log10 y = 0, 1, 3
    expect(affine([-4, -2, 0], s.map((p) => p[0]))).toBe(true);
    expect(affine([0, -1, -3], s.map((p) => p[1]))).toBe(true);
    expect(svg).toContain('>1e-4<');
  });

  it('keeps every point inside the plot area, ticks included', () => {
    const svg = lineChartSvg({ title: 't', xLabel: 'x', yLabel: 'y', width: 300, height: 200, series: [{ name: 'a', points: [[-3, 0.12], [7, 0.97]] }] });
    for (const [x, y] of paths(svg)[0]) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(300);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(200);
    }
  });

  it('draws a single point or a flat line without dividing by zero', () => {
    const svg = lineChartSvg({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 'a', points: [[2, 5]] }] });
    parseXml(svg);
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('Infinity');
  });

  it('refuses no series, non-finite points and non-positive values on a log axis', () => {
    expect(() => lineChartSvg({ title: 't', xLabel: 'x', yLabel: 'y', series: [] })).toThrow(
      new ValueError('lineChartSvg', 'expected at least one series, got none'),
    );
    expect(() => lineChartSvg({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 'a', points: [[0, NaN]] }] })).toThrow(
      new ValueError('lineChartSvg', "series 'a' (0) has a non-finite point (0, NaN) at index 0"),
    );
    expect(() => lineChartSvg({ title: 't', xLabel: 'x', yLabel: 'y', logY: true, series: [{ name: 'a', points: [[1, 1], [2, 0]] }] })).toThrow(
      new ValueError('lineChartSvg', "logY needs y > 0, but series 'a' has y = 0 at index 1"),
    );
  });
});
