/**
 * The classic image filters as [kh, kw] kernels for `convolve` (or `conv2d`). They are applied as
 * cross-correlation — kernel[i][j] weighs the pixel i rows below and j columns right of the window's
 * corner, unflipped — which matters only for the antisymmetric ones (Sobel, emboss): true convolution
 * would flip their sign.
 */
import { DTypeError, type FloatDType, type Tensor, ValueError, tensor } from '@nn/tensor';

/** Options of the filter kernels. */
export interface FilterOptions {
  /** Default 'float32'. */
  readonly dtype?: FloatDType;
}

/** `rows` as a [kh, kw] tensor of `dtype`. */
function kernel(op: string, rows: number[][], dtype: FloatDType | undefined = 'float32'): Tensor {
  if (dtype !== 'float32' && dtype !== 'float64') throw new DTypeError(op, `dtype must be 'float32' or 'float64', got ${String(dtype)}`);
  return tensor(rows, undefined, dtype);
}

/** [[0,−1,0],[−1,5,−1],[0,−1,0]]: the image minus its Laplacian; edges stand out, flat areas stay (sums to 1). */
export function sharpen({ dtype }: FilterOptions = {}): Tensor {
  return kernel('sharpen', [[0, -1, 0], [-1, 5, -1], [0, -1, 0]], dtype);
}

/** size×size, every entry 1/size²: the mean of each neighbourhood (sums to 1). Default size 3. */
export function boxBlur(size = 3, { dtype }: FilterOptions = {}): Tensor {
  if (!(Number.isInteger(size) && size >= 1)) throw new ValueError('boxBlur', `size must be a positive integer, got ${String(size)}`);
  return kernel('boxBlur', Array.from({ length: size }, () => new Array<number>(size).fill(1 / (size * size))), dtype);
}

/**
 * size×size samples of the Gaussian exp(−(i² + j²) / 2σ²) about the centre, normalized to sum to 1.
 * Default size 2·ceil(3σ) + 1, which reaches 3σ each way.
 */
export function gaussianBlur(sigma: number, size = 2 * Math.ceil(3 * sigma) + 1, { dtype }: FilterOptions = {}): Tensor {
  const op = 'gaussianBlur';
  if (!(Number.isFinite(sigma) && sigma > 0)) throw new ValueError(op, `sigma must be a positive number, got ${String(sigma)}`);
  if (!(Number.isInteger(size) && size >= 1)) throw new ValueError(op, `size must be a positive integer, got ${String(size)}`);
  const centre = (size - 1) / 2;
  const g = Array.from({ length: size }, (_, i) => Math.exp(-((i - centre) ** 2) / (2 * sigma * sigma)));
  const total = g.reduce((a, b) => a + b, 0);
  return kernel(op, g.map((gi) => g.map((gj) => (gi * gj) / (total * total))), dtype);
}

/** [[−1,0,1],[−2,0,2],[−1,0,1]]: the horizontal derivative, smoothed vertically; +8·slope on a ramp rising to the right. */
export function sobelX({ dtype }: FilterOptions = {}): Tensor {
  return kernel('sobelX', [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype);
}

/** [[−1,−2,−1],[0,0,0],[1,2,1]]: the vertical derivative, smoothed horizontally; +8·slope on a ramp rising downwards. */
export function sobelY({ dtype }: FilterOptions = {}): Tensor {
  return kernel('sobelY', [[-1, -2, -1], [0, 0, 0], [1, 2, 1]], dtype);
}

/** [[0,1,0],[1,−4,1],[0,1,0]]: the discrete Laplacian ∂²/∂x² + ∂²/∂y²; zero on flat areas and linear ramps. */
export function laplacian({ dtype }: FilterOptions = {}): Tensor {
  return kernel('laplacian', [[0, 1, 0], [1, -4, 1], [0, 1, 0]], dtype);
}

/** [[−2,−1,0],[−1,1,1],[0,1,2]]: a relief lit from the top left; the image plus its diagonal derivative (sums to 1). */
export function emboss({ dtype }: FilterOptions = {}): Tensor {
  return kernel('emboss', [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], dtype);
}
