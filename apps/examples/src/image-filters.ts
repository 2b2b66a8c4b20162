import { mkdir, writeFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { type Tensor, boxBlur, convolve, emboss, gaussianBlur, laplacian, loadMnist, reshape, sharpen, slice, sobelX, sobelY } from '@nn/core';

/** Each filter of the course, by the name its image file gets. */
export const filters: Readonly<Record<string, () => Tensor>> = {
  sharpen: () => sharpen(),
  'box-blur': () => boxBlur(3),
  'gaussian-blur': () => gaussianBlur(1),
  'sobel-x': () => sobelX(),
  'sobel-y': () => sobelY(),
  laplacian: () => laplacian(),
  emboss: () => emboss(),
};

/**
 * Applies every filter kernel to one [H, W] image by convolution ('same' padding) and returns the
 * filtered images by filter name. Weight sharing in one picture: the same 3×3 weights at every pixel.
 */
export function filterImage(image: Tensor): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(filters).map(([name, kernel]) => [name, convolve(image, kernel())]));
}

/**
 * An [H, W] image as a grayscale PNG, scaled ×`scale`. Values are mapped linearly from their own
 * [min, max] to [0, 255], so that edge maps with negative values stay visible.
 */
export function imagePng(image: Tensor, scale = 4): Uint8Array {
  const [h, w] = image.shape;
  const data = image.dataSync();
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of data) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const span = hi > lo ? hi - lo : 1;
  const png = new PNG({ width: w * scale, height: h * scale });
  for (let y = 0; y < h * scale; y++) {
    for (let x = 0; x < w * scale; x++) {
      const v = Math.round((255 * (data[Math.floor(y / scale) * w + Math.floor(x / scale)] - lo)) / span);
      const at = (y * w * scale + x) * 4;
      png.data[at] = png.data[at + 1] = png.data[at + 2] = v;
      png.data[at + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** Writes the first training digit of MNIST and each filtered version as PNG files into `out`. */
export async function main(argv: readonly string[] = []): Promise<void> {
  const outAt = argv.indexOf('--out');
  const out = outAt >= 0 && argv[outAt + 1] !== undefined ? argv[outAt + 1] : 'out/filters';
  const { train } = await loadMnist({ subset: { train: 1, test: 1 } });
  const digit = reshape(slice(train.x, [0], [1]), [28, 28]);
  await mkdir(out, { recursive: true });
  await writeFile(`${out}/original.png`, imagePng(digit));
  for (const [name, image] of Object.entries(filterImage(digit))) await writeFile(`${out}/${name}.png`, imagePng(image));
  console.log(`wrote ${out}/original.png and ${Object.keys(filters).map((n) => `${n}.png`).join(', ')}`);
}
