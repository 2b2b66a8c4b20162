import { ShapeError, ValueError } from '@nn/core';

/** MNIST's side, and the box its digits were scaled into. */
export const MNIST_SIDE = 28;
const DIGIT_BOX = 20;
/** Supersamples per target pixel and axis when scaling down (an area average, nearly). */
const SUPERSAMPLE = 4;

/**
 * A drawing made as MNIST made its digits: `pixels` is a width × height image of ink in [0, 1] (row by
 * row, 0 = background); the ink's bounding box is scaled (aspect kept) so that its longer side is 20
 * pixels, by averaging, and placed in a 28 × 28 field with its centre of mass at the field's centre
 * (pixel 14, 14), as LeCun et al. describe. Returns 784 values in [0, 1]; all zeros for a blank image.
 * @see Y. LeCun, C. Cortes, C. Burges, "The MNIST database of handwritten digits" (how the digits were normalized)
 */
export function toMnistInput(pixels: Float32Array, width: number, height: number): Float32Array {
  const op = 'toMnistInput';
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new ValueError(op, `width and height must be positive integers, got ${width} × ${height}`);
  }
  if (pixels.length !== width * height) throw new ShapeError(op, `expected ${width} × ${height} = ${width * height} pixels, got ${pixels.length}`);
  let top = height;
  let bottom = -1;
  let left = width;
  let right = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (pixels[y * width + x] > 0) {
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  const out = new Float32Array(MNIST_SIDE * MNIST_SIDE);
  if (bottom < 0) return out;
  const boxWidth = right - left + 1;
  const boxHeight = bottom - top + 1;
  const scale = DIGIT_BOX / Math.max(boxWidth, boxHeight);
  const w = Math.max(1, Math.round(boxWidth * scale));
  const h = Math.max(1, Math.round(boxHeight * scale));
  // Scale the box down (or up) to w × h by averaging SUPERSAMPLE² nearest samples per target pixel.
  const small = new Float32Array(w * h);
  for (let ty = 0; ty < h; ty++) {
    for (let tx = 0; tx < w; tx++) {
      let sum = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        const y = top + Math.min(boxHeight - 1, Math.floor(((ty + (sy + 0.5) / SUPERSAMPLE) * boxHeight) / h));
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = left + Math.min(boxWidth - 1, Math.floor(((tx + (sx + 0.5) / SUPERSAMPLE) * boxWidth) / w));
          sum += pixels[y * width + x];
        }
      }
      small[ty * w + tx] = Math.min(1, sum / (SUPERSAMPLE * SUPERSAMPLE));
    }
  }
  // Centre of mass of the scaled ink, then the shift that puts it at the field's centre, kept inside.
  let mass = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = small[y * w + x];
      mass += v;
      cx += v * (x + 0.5);
      cy += v * (y + 0.5);
    }
  }
  const clampShift = (shift: number, size: number) => Math.min(MNIST_SIDE - size, Math.max(0, shift));
  const offsetX = clampShift(Math.round(MNIST_SIDE / 2 - cx / mass), w);
  const offsetY = clampShift(Math.round(MNIST_SIDE / 2 - cy / mass), h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) out[(y + offsetY) * MNIST_SIDE + x + offsetX] = small[y * w + x];
  }
  return out;
}
