import { type Rng, ValueError } from '@nn/tensor';

/**
 * Hyper-parameters of a GP with a Matérn 5/2 ARD kernel, all as natural logarithms:
 * [ln ℓ₁ … ln ℓ_d, ln σf², ln σn²].
 */
export type GpTheta = Float64Array;

export interface GaussianProcess {
  readonly theta: GpTheta;
  /** ln p(y | X, θ), the log marginal likelihood of the fitted data. */
  readonly logMarginalLikelihood: number;
  /** Posterior mean and standard deviation of the latent function at x (noise not included). */
  predict(x: ArrayLike<number>): { mean: number; std: number };
}

export interface FitGpOptions {
  /** Random starting points of the likelihood maximization, besides `init`. Default 3. */
  readonly restarts?: number;
  /** A starting point (e.g. the last fit's θ): searches refit after each trial, and θ moves little. */
  readonly init?: GpTheta;
  /** Iterations of projected L-BFGS per start. Default 50. */
  readonly iterations?: number;
  /** Keep θ fixed (no fit): used for the fantasies of a batch. */
  readonly fixed?: boolean;
}

const SQRT5 = Math.sqrt(5);
const JITTER = 1e-8;
/** Box on θ for inputs in the unit cube and standardized outputs. */
const LN_ELL: readonly [number, number] = [Math.log(0.02), Math.log(20)];
const LN_SF2: readonly [number, number] = [Math.log(0.05), Math.log(20)];
const LN_SN2: readonly [number, number] = [Math.log(1e-6), Math.log(0.5)];

/**
 * k(x, x') = σf² (1 + √5 r + 5r²/3) e^(−√5 r), r² = Σₖ (xₖ − x'ₖ)² / ℓₖ² (Matérn ν = 5/2 with
 * automatic relevance determination), plus σn² on the diagonal.
 * @see C. E. Rasmussen, C. K. I. Williams, "Gaussian Processes for Machine Learning", MIT Press 2006, eq. 4.17, 5.8, 5.9
 */
export function matern52(x: ArrayLike<number>, z: ArrayLike<number>, invEll2: ArrayLike<number>, sf2: number): number {
  let r2 = 0;
  for (let k = 0; k < invEll2.length; k++) r2 += (x[k] - z[k]) ** 2 * invEll2[k];
  const r = Math.sqrt(r2);
  return sf2 * (1 + SQRT5 * r + (5 / 3) * r2) * Math.exp(-SQRT5 * r);
}

/** In-place lower Cholesky factor of the n × n row-major matrix a; false when a is not positive definite. */
function cholesky(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= a[j * n + k] ** 2;
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / ljj;
    }
    for (let k = j + 1; k < n; k++) a[j * n + k] = 0;
  }
  return true;
}

/** Solves L v = b (forward) in place. */
function forward(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * b[k];
    b[i] = s / l[i * n + i];
  }
  return b;
}

/** Solves Lᵀ v = b (backward) in place. */
function backward(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
  return b;
}

interface Factored {
  readonly l: Float64Array;
  readonly alpha: Float64Array;
  readonly lml: number;
}

/** Squared differences (xᵢₖ − xⱼₖ)² of every pair i > j, computed once per data set: [pair, k]. */
function pairDiffs(xs: readonly Float64Array[]): Float64Array {
  const n = xs.length;
  const d = n === 0 ? 0 : xs[0].length;
  const out = new Float64Array(((n * (n - 1)) / 2) * d);
  let p = 0;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++, p += d) for (let k = 0; k < d; k++) out[p + k] = (xs[i][k] - xs[j][k]) ** 2;
  }
  return out;
}

/** K = k(X, X) + σn² I, its Cholesky factor, α = K⁻¹y and the log marginal likelihood; `r` gets each pair's r. */
function factor(n: number, diffs: Float64Array, y: Float64Array, theta: GpTheta, r?: Float64Array): Factored | undefined {
  const d = theta.length - 2;
  const invEll2 = new Float64Array(d);
  for (let k = 0; k < d; k++) invEll2[k] = Math.exp(-2 * theta[k]);
  const sf2 = Math.exp(theta[d]);
  const sn2 = Math.exp(theta[d + 1]);
  const l = new Float64Array(n * n);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++, p++) {
      let r2 = 0;
      for (let k = 0; k < d; k++) r2 += diffs[p * d + k] * invEll2[k];
      const rr = Math.sqrt(r2);
      if (r !== undefined) r[p] = rr;
      l[i * n + j] = sf2 * (1 + SQRT5 * rr + (5 / 3) * r2) * Math.exp(-SQRT5 * rr);
    }
    l[i * n + i] = sf2 + sn2 + JITTER;
  }
  if (!cholesky(l, n)) return undefined;
  const alpha = backward(l, n, forward(l, n, Float64Array.from(y)));
  // ln p(y) = −½ yᵀα − Σ ln Lᵢᵢ − (n/2) ln 2π
  let lml = -0.5 * n * Math.log(2 * Math.PI);
  for (let i = 0; i < n; i++) lml -= 0.5 * y[i] * alpha[i] + Math.log(l[i * n + i]);
  return { l, alpha, lml };
}

/**
 * The log marginal likelihood and its gradient in θ:
 * ∂/∂θⱼ ln p(y) = ½ tr((ααᵀ − K⁻¹) ∂K/∂θⱼ), with
 * ∂K/∂ln ℓₖ = σf² (5/3)(1 + √5 r) e^(−√5 r) (xₖ − x'ₖ)²/ℓₖ², ∂K/∂ln σf² = K − σn² I, ∂K/∂ln σn² = σn² I.
 */
export function logMarginalLikelihood(xs: readonly Float64Array[], y: Float64Array, theta: GpTheta, diffs = pairDiffs(xs)): { value: number; grad: Float64Array } {
  const n = xs.length;
  const d = theta.length - 2;
  const r = new Float64Array((n * (n - 1)) / 2);
  const f = factor(n, diffs, y, theta, r);
  const grad = new Float64Array(d + 2);
  if (f === undefined) return { value: Number.NEGATIVE_INFINITY, grad };
  const { l, alpha, lml } = f;
  // K⁻¹ = L⁻ᵀ L⁻¹ column by column (lower triangle is enough), then W = ααᵀ − K⁻¹
  const kinv = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    backward(l, n, forward(l, n, e));
    for (let i = j; i < n; i++) kinv[i * n + j] = e[i];
  }
  const invEll2 = new Float64Array(d);
  for (let k = 0; k < d; k++) invEll2[k] = Math.exp(-2 * theta[k]);
  const sf2 = Math.exp(theta[d]);
  const sn2 = Math.exp(theta[d + 1]);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++, p++) {
      // the pair (i, j) and (j, i): twice ½ W_ij ∂K_ij
      const wij = alpha[i] * alpha[j] - kinv[i * n + j];
      const rr = r[p];
      const ex = Math.exp(-SQRT5 * rr);
      grad[d] += wij * sf2 * (1 + SQRT5 * rr + (5 / 3) * rr * rr) * ex;
      const c = wij * sf2 * (5 / 3) * (1 + SQRT5 * rr) * ex;
      for (let k = 0; k < d; k++) grad[k] += c * diffs[p * d + k] * invEll2[k];
    }
    const wii = alpha[i] * alpha[i] - kinv[i * n + i];
    grad[d] += 0.5 * wii * sf2;
    grad[d + 1] += 0.5 * wii * sn2;
  }
  return { value: lml, grad };
}

/**
 * Maximizes f over the box [lo, hi] by projected L-BFGS (memory 5) with an Armijo backtracking search
 * along the projected path; a failed step (non-finite f, no descent) falls back to the gradient.
 */
function maximizeBox(
  f: (x: Float64Array) => { value: number; grad: Float64Array },
  x0: Float64Array,
  lo: Float64Array,
  hi: Float64Array,
  iterations: number,
): { x: Float64Array; value: number } {
  const m = x0.length;
  const project = (x: Float64Array) => x.map((v, i) => Math.min(hi[i], Math.max(lo[i], v)));
  let x = project(x0);
  // minimize g(x) = −f(x)
  let { value, grad } = f(x);
  if (!Number.isFinite(value)) return { x, value };
  let g = grad.map((v) => -v);
  let fx = -value;
  const ss: Float64Array[] = [];
  const ys: Float64Array[] = [];
  for (let it = 0; it < iterations; it++) {
    // (1) two-loop recursion: d = −H g
    const q = Float64Array.from(g);
    const a: number[] = [];
    for (let k = ss.length - 1; k >= 0; k--) {
      const rho = 1 / dot(ys[k], ss[k]);
      a[k] = rho * dot(ss[k], q);
      for (let i = 0; i < m; i++) q[i] -= a[k] * ys[k][i];
    }
    const gamma = ss.length > 0 ? dot(ss[ss.length - 1], ys[ys.length - 1]) / dot(ys[ys.length - 1], ys[ys.length - 1]) : 0.1 / Math.max(1e-12, Math.sqrt(dot(g, g)));
    for (let i = 0; i < m; i++) q[i] *= gamma;
    for (let k = 0; k < ss.length; k++) {
      const rho = 1 / dot(ys[k], ss[k]);
      const b = rho * dot(ys[k], q);
      for (let i = 0; i < m; i++) q[i] += ss[k][i] * (a[k] - b);
    }
    let dir = q.map((v) => -v);
    const previous = fx;
    // (2) backtracking along the projected path
    let accepted = false;
    for (let attempt = 0; attempt < 2 && !accepted; attempt++) {
      let t = 1;
      for (let ls = 0; ls < 20; ls++) {
        const xn = project(x.map((v, i) => v + t * dir[i]));
        const step = xn.map((v, i) => v - x[i]);
        const slope = dot(g, step);
        if (slope >= 0) break;
        const r = f(xn);
        if (Number.isFinite(r.value) && -r.value <= fx + 1e-4 * slope) {
          const gn = r.grad.map((v) => -v);
          const yk = gn.map((v, i) => v - g[i]);
          if (dot(step, yk) > 1e-10) {
            ss.push(step);
            ys.push(yk);
            if (ss.length > 5) {
              ss.shift();
              ys.shift();
            }
          }
          x = xn;
          g = gn;
          fx = -r.value;
          accepted = true;
          break;
        }
        t *= 0.5;
      }
      if (!accepted) {
        ss.length = 0;
        ys.length = 0;
        dir = g.map((v) => -v / Math.max(1e-12, Math.sqrt(dot(g, g))));
      }
    }
    if (!accepted) break;
    // (3) stop when f stalls (relative change below 1e-9, as L-BFGS-B's factr = 1e7) or the projected gradient vanishes
    if (previous - fx <= 1e-9 * Math.max(1, Math.abs(fx))) break;
    const pg = project(x.map((v, i) => v - g[i])).map((v, i) => v - x[i]);
    if (Math.sqrt(dot(pg, pg)) < 1e-6) break;
  }
  return { x, value: -fx };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * A Gaussian-process regression of y on points of the unit cube, its Matérn 5/2 ARD hyper-parameters
 * fitted by maximizing the log marginal likelihood (projected L-BFGS from `init` and from `restarts`
 * random starts in a box: ℓ ∈ [0.02, 20], σf² ∈ [0.05, 20], σn² ∈ [1e-6, 0.5] — y should be standardized).
 * @see J. Snoek, H. Larochelle, R. P. Adams, "Practical Bayesian optimization of machine learning algorithms", NeurIPS 2012
 */
export function fitGaussianProcess(xs: readonly Float64Array[], y: ArrayLike<number>, rng: Rng, options: FitGpOptions = {}): GaussianProcess {
  const op = 'fitGaussianProcess';
  const n = xs.length;
  if (n === 0 || y.length !== n) throw new ValueError(op, `expected as many targets as points (at least one), got ${n} points and ${y.length} targets`);
  const d = xs[0].length;
  const { restarts = 3, iterations = 50, fixed = false } = options;
  const lo = new Float64Array(d + 2).fill(LN_ELL[0]);
  const hi = new Float64Array(d + 2).fill(LN_ELL[1]);
  [lo[d], hi[d], lo[d + 1], hi[d + 1]] = [LN_SF2[0], LN_SF2[1], LN_SN2[0], LN_SN2[1]];
  const yv = Float64Array.from(y);
  const diffs = pairDiffs(xs);
  const starts: Float64Array[] = [];
  if (options.init !== undefined) {
    if (options.init.length !== d + 2) throw new ValueError(op, `init has ${options.init.length} entries, expected ${d + 2}`);
    starts.push(Float64Array.from(options.init));
  } else {
    // ℓ = 0.3 in every dimension, σf² = 1, σn² = 1e-3: a reasonable prior guess on the unit cube
    const t = new Float64Array(d + 2).fill(Math.log(0.3));
    t[d] = 0;
    t[d + 1] = Math.log(1e-3);
    starts.push(t);
  }
  if (!fixed) for (let r = 0; r < restarts; r++) starts.push(lo.map((l, i) => rng.uniformRange(l, hi[i])));
  let best: { x: Float64Array; value: number } | undefined;
  for (const s of starts) {
    const r = fixed ? { x: s, value: logMarginalLikelihood(xs, yv, s, diffs).value } : maximizeBox((t) => logMarginalLikelihood(xs, yv, t, diffs), s, lo, hi, iterations);
    if (best === undefined || (Number.isFinite(r.value) && !(r.value <= best.value))) best = r;
  }
  let theta = (best as { x: Float64Array }).x;
  let f = factor(n, diffs, yv, theta);
  if (f === undefined) {
    // NOTE: only for degenerate data (many duplicate points): more noise always makes K positive definite.
    theta = Float64Array.from(theta);
    theta[d + 1] = LN_SN2[1];
    f = factor(n, diffs, yv, theta);
    if (f === undefined) throw new ValueError(op, 'the kernel matrix is not positive definite even with the largest noise');
  }
  const { l, alpha, lml } = f;
  const invEll2 = new Float64Array(d);
  for (let k = 0; k < d; k++) invEll2[k] = Math.exp(-2 * theta[k]);
  const sf2 = Math.exp(theta[d]);
  const kstar = new Float64Array(n);
  return {
    theta,
    logMarginalLikelihood: lml,
    predict(x) {
      for (let i = 0; i < n; i++) kstar[i] = matern52(x, xs[i], invEll2, sf2);
      const mean = dot(kstar, alpha);
      const v = forward(l, n, kstar);
      return { mean, std: Math.sqrt(Math.max(0, sf2 - dot(v, v))) };
    },
  };
}

/** Φ(z), the standard normal distribution function, from erfc (|error| < 1.2e-7). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** erfc by the Chebyshev fit of Numerical Recipes (fractional error < 1.2e-7 everywhere). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/**
 * EI(x) = (f* − μ − ξ) Φ(u) + σ φ(u), u = (f* − μ − ξ)/σ: the expected amount by which a point with
 * posterior N(μ, σ²) improves on the best value f* of a minimization (0 when σ = 0 and μ ≥ f* − ξ).
 * @see D. R. Jones, M. Schonlau, W. J. Welch, "Efficient global optimization of expensive black-box functions", J. Global Optim. 13, 1998
 */
export function expectedImprovement(mean: number, std: number, best: number, xi = 0.01): number {
  const gain = best - mean - xi;
  if (!(std > 1e-12)) return Math.max(0, gain);
  const u = gain / std;
  return gain * normalCdf(u) + (std * Math.exp(-0.5 * u * u)) / Math.sqrt(2 * Math.PI);
}
