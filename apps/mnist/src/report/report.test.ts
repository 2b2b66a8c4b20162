import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { curvesSvg } from './curves-svg';
import { drawText } from './digit-font';
import { galleryPng } from './gallery-png';

describe('drawText', () => {
  it('lights the pixels of each glyph, one blank column apart', () => {
    const lit: string[] = [];
    drawText('1', (x, y) => lit.push(`${x},${y}`));
    // '1' = 010 / 110 / 010 / 010 / 111
    expect(lit).toEqual(['1,0', '0,1', '1,1', '1,2', '1,3', '0,4', '1,4', '2,4']);
    const second: number[] = [];
    drawText(' 1', (x) => second.push(x));
    expect(Math.min(...second)).toBe(4);
    expect(() => drawText('a', () => {})).toThrow('drawText: no glyph for "a"');
  });
});

describe('galleryPng', () => {
  it('draws each digit scaled ×2, dark on white, with a red caption', () => {
    const pixels = new Float32Array(28 * 28).fill(0);
    pixels[0] = 1; // top-left pixel fully on → black 2×2 block at the cell's corner
    const png = PNG.sync.read(Buffer.from(galleryPng([{ pixels, label: 7, predicted: 1, index: 0 }, { pixels, label: 4, predicted: 9, index: 1 }], 2)));
    expect(png.width).toBe(2 * (56 + 4) + 4);
    const at = (x: number, y: number) => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
    expect(at(4, 4)).toEqual([0, 0, 0]);
    expect(at(5, 5)).toEqual([0, 0, 0]);
    expect(at(6, 6)).toEqual([255, 255, 255]);
    let red = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] === 220 && png.data[i + 1] === 30) red++;
    expect(red).toBeGreaterThan(0);
  });
});

describe('curvesSvg', () => {
  it('draws one polyline per series with a legend', () => {
    const svg = curvesSvg('loss <per epoch>', [
      { name: 'training', values: [1, 0.5, 0.25], color: 'blue' },
      { name: 'validation', values: [1.1, 0.6, 0.4], color: 'red', dashed: true },
    ], 'loss');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg).toContain('loss &lt;per epoch&gt;');
    expect(svg).toContain('>validation</text>');
    expect(svg).toContain('stroke-dasharray');
  });
});
