/**
 * The sampled Gaussian exp(−k² / 2σ²) for k = −r … r with r = ⌈3σ⌉, divided by its sum so that it
 * sums to 1 (smoothing keeps a constant field constant). σ = 0 gives [1]: no smoothing. @internal
 */
export function gaussianKernel(sigma: number): Float64Array {
  const radius = Math.ceil(3 * sigma);
  const kernel = new Float64Array(2 * radius + 1);
  if (radius === 0) {
    kernel[0] = 1;
    return kernel;
  }
  let total = 0;
  for (let k = -radius; k <= radius; k++) total += kernel[k + radius] = Math.exp(-(k * k) / (2 * sigma * sigma));
  for (let k = 0; k < kernel.length; k++) kernel[k] /= total;
  return kernel;
}

/**
 * A smoother of h×w fields (the Δx and Δy of an elastic distortion) by the 2-D Gaussian of
 * {@link gaussianKernel}, in place: along the rows, then along the columns (separable: 2·(2r + 1)
 * taps per pixel instead of (2r + 1)²). The borders reflect the field (… c b a | a b c …, scipy's
 * 'reflect'), so the smoothed field has the same statistics everywhere. Scratch is allocated once.
 * @internal
 */
export function gaussianSmoother(sigma: number, height: number, width: number): (field: Float64Array) => void {
  const kernel = gaussianKernel(sigma);
  const radius = (kernel.length - 1) / 2;
  const cols = reflectIndex(width, radius);
  const rows = reflectIndex(height, radius);
  const line = new Float64Array(Math.max(width, height) + 2 * radius);
  const tmp = new Float64Array(height * width);
  if (radius === 0) return () => {}; // σ = 0: the kernel is [1]
  return (field) => smoothSeparable(field, height, width, kernel, radius, cols, rows, line, tmp);
}

/** The work of {@link gaussianSmoother}; a plain function of its scratch, which V8 optimizes best. */
function smoothSeparable(
  field: Float64Array,
  height: number,
  width: number,
  kernel: Float64Array,
  r: number,
  cols: Int32Array,
  rows: Int32Array,
  line: Float64Array,
  tmp: Float64Array,
): void {
  const k0 = kernel[r];
  // NOTE: each line (a row, then a column) is first copied with its reflected margins into `line`, so
  // the taps read one contiguous array with no index table; the symmetric taps are paired,
  // k_j·(v[c − j] + v[c + j]), halving the multiplications.
  // (1) along each row: tmp[y, x] = Σ_j K[j]·field[y, reflect(x + j)]
  for (let y = 0, row = 0; y < height; y++, row += width) {
    for (let j = 0; j < width + 2 * r; j++) line[j] = field[row + cols[j]];
    for (let x = 0; x < width; x++) {
      const c = x + r;
      let s = k0 * line[c];
      for (let j = 1; j <= r; j++) s += kernel[r + j] * (line[c - j] + line[c + j]);
      tmp[row + x] = s;
    }
  }
  // (2) along each column: field[y, x] = Σ_j K[j]·tmp[reflect(y + j), x]
  for (let x = 0; x < width; x++) {
    for (let j = 0; j < height + 2 * r; j++) line[j] = tmp[rows[j] * width + x];
    for (let y = 0; y < height; y++) {
      const c = y + r;
      let s = k0 * line[c];
      for (let j = 1; j <= r; j++) s += kernel[r + j] * (line[c - j] + line[c + j]);
      field[y * width + x] = s;
    }
  }
}

/** table[j] = the index that position j − r reads on an axis of n samples reflected at both ends, for j < n + 2r. @internal */
export function reflectIndex(n: number, radius: number): Int32Array {
  const table = new Int32Array(n + 2 * radius);
  const period = 2 * n;
  for (let j = 0; j < table.length; j++) {
    const i = (((j - radius) % period) + period) % period;
    table[j] = i < n ? i : period - 1 - i;
  }
  return table;
}
