import { PNG } from 'pngjs';
import { GLYPH_HEIGHT, drawText } from './digit-font';

/** One misclassified test digit: its 28×28 pixels in [0, 1], the true and the predicted label. */
export interface Misclassified {
  readonly pixels: ArrayLike<number>;
  readonly label: number;
  readonly predicted: number;
  readonly index: number;
}

const SIDE = 28;
const SCALE = 2;
const CAPTION = (GLYPH_HEIGHT + 2) * SCALE;
const PAD = 4;

/**
 * A PNG of every misclassified digit, dark on white (the course's "82 errors of LeNet-5" slide),
 * each captioned `true>predicted` in a small bitmap font, `columns` to a row.
 */
export function galleryPng(errors: readonly Misclassified[], columns = 20): Uint8Array {
  const cellW = SIDE * SCALE + PAD;
  const cellH = SIDE * SCALE + CAPTION + PAD;
  const rows = Math.max(1, Math.ceil(errors.length / columns));
  const png = new PNG({ width: columns * cellW + PAD, height: rows * cellH + PAD });
  png.data.fill(255);
  const set = (x: number, y: number, v: number, red = false) => {
    const at = (y * png.width + x) * 4;
    png.data[at] = red ? 220 : v;
    png.data[at + 1] = red ? 30 : v;
    png.data[at + 2] = red ? 30 : v;
    png.data[at + 3] = 255;
  };
  errors.forEach((e, n) => {
    const x0 = PAD + (n % columns) * cellW;
    const y0 = PAD + Math.floor(n / columns) * cellH;
    for (let y = 0; y < SIDE * SCALE; y++) {
      for (let x = 0; x < SIDE * SCALE; x++) {
        const v = e.pixels[Math.floor(y / SCALE) * SIDE + Math.floor(x / SCALE)];
        set(x0 + x, y0 + y, Math.round(255 * (1 - Math.min(1, Math.max(0, v)))));
      }
    }
    drawText(`${e.label}>${e.predicted}`, (x, y) => {
      for (let dy = 0; dy < SCALE; dy++) for (let dx = 0; dx < SCALE; dx++) set(x0 + x * SCALE + dx, y0 + SIDE * SCALE + SCALE + y * SCALE + dy, 0, true);
    });
  });
  return PNG.sync.write(png);
}
