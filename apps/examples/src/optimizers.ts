import { mkdir, writeFile } from 'node:fs/promises';
import {
  type GradientTransformation, type Params, type Tensor, type TrainingCallback, type UpdateContext,
  type BackendName, TrainingDivergedError, activation, adadelta, adagrad, adam, adamw, adaptiveGains, applyUpdates, backtrackingLinesearch, bfgs, boldDriver, chain, conjugateGradient,
  createRng, dense, evaluate, fit, getBackend, heNormal, hessianFree, lbfgs, loadMnist, matmul, mul, newton, rmsprop, rprop, scale, sequential, setBackend, sgd,
  softmaxCrossEntropy, sum, tensor, useBackend, valueAndGrad, vsgd,
} from '@nn/core';
import { type Path2d, type Series, contourSvg, lineChartSvg, panelsSvg } from './chart-svg';
import { UsageError, parseFlags } from './flags';
import { centerPixels } from './mnist-mlp';

/** One optimizer of the comparison, as the example builds it. */
export interface Contender {
  readonly name: string;
  /** On the MLP: 'full' batch (one step per pass over the data, with ctx.lossAndGrad), or mini-batches of 100. */
  readonly batch: 'full' | 'mini';
  /** The optimizer at learning rate `lr`; a method without one ignores it. */
  readonly make: (lr: number) => GradientTransformation<any>;
  /** Whether `make` uses `lr`: then the quadratics try every rate of the grid and keep the best. */
  readonly usesRate: boolean;
  /** The learning rate on the MLP (the usual default of the method for mini-batches of inputs of unit scale). */
  readonly mlpRate?: number;
  /** Why it does not run on an MLP of `weights` parameters, if it does not. */
  readonly notOnMlp?: (weights: number) => string;
}

/**
 * Every optimizer the toolkit has, with how this example runs it. Mini-batch methods see batches of 100
 * on the MLP, full-batch methods (those with a line search or a curvature model, and rprop, whose
 * sign-based steps need the true gradient) the whole set at once.
 */
export const CONTENDERS: readonly Contender[] = [
  { name: 'sgd', batch: 'mini', make: (lr) => sgd(lr), usesRate: true, mlpRate: 0.1 },
  { name: 'momentum 0.9', batch: 'mini', make: (lr) => sgd(lr, { momentum: 0.9 }), usesRate: true, mlpRate: 0.01 },
  { name: 'nesterov 0.9', batch: 'mini', make: (lr) => sgd(lr, { momentum: 0.9, nesterov: true }), usesRate: true, mlpRate: 0.01 },
  { name: 'adaptive gains', batch: 'mini', make: (lr) => adaptiveGains(lr), usesRate: true, mlpRate: 0.05 },
  { name: 'adagrad', batch: 'mini', make: (lr) => adagrad(lr), usesRate: true, mlpRate: 0.01 },
  { name: 'rmsprop', batch: 'mini', make: (lr) => rmsprop(lr), usesRate: true, mlpRate: 1e-3 },
  { name: 'adadelta', batch: 'mini', make: (lr) => adadelta(lr), usesRate: true, mlpRate: 1 },
  { name: 'adam', batch: 'mini', make: (lr) => adam(lr), usesRate: true, mlpRate: 1e-3 },
  { name: 'adamw', batch: 'mini', make: (lr) => adamw(lr), usesRate: true, mlpRate: 1e-3 },
  { name: 'vsgd', batch: 'mini', make: () => vsgd(), usesRate: false },
  { name: 'rprop', batch: 'full', make: (lr) => rprop(lr), usesRate: true, mlpRate: 0.01 },
  { name: 'bold driver', batch: 'full', make: (lr) => boldDriver(lr), usesRate: true, mlpRate: 0.1 },
  { name: 'steepest descent + Armijo', batch: 'full', make: () => chain(scale(-1), backtrackingLinesearch()), usesRate: false },
  { name: 'conjugate gradient', batch: 'full', make: () => conjugateGradient(), usesRate: false },
  { name: 'bfgs', batch: 'full', make: () => bfgs(), usesRate: false, notOnMlp: (n) => `its dense inverse Hessian would hold ${n.toLocaleString('en-US')}² ≈ ${(n * n).toExponential(1)} numbers` },
  { name: 'l-bfgs', batch: 'full', make: () => lbfgs(), usesRate: false },
  { name: 'newton', batch: 'full', make: () => newton(), usesRate: false, notOnMlp: (n) => `its Hessian would hold ${n.toLocaleString('en-US')}² ≈ ${(n * n).toExponential(1)} numbers` },
  { name: 'hessian-free', batch: 'full', make: () => hessianFree(), usesRate: false },
];

/** f(w) = ½·wᵀAw with A symmetric positive definite: the elongated error surface. */
export interface Quadratic {
  readonly name: string;
  readonly dim: number;
  /** A, row-major, n × n. */
  readonly matrix: Float64Array;
  readonly start: readonly number[];
  /** Largest over smallest eigenvalue of A. */
  readonly condition: number;
}

/**
 * ½·wᵀAw with A = Q·diag(λ)·Qᵀ: eigenvalues λ spaced evenly in log from 1 to `condition`, and the
 * eigenvectors Q a rotation by 30° in 2-D or a random orthogonal basis (Gram–Schmidt on Gaussian
 * columns) in more, so that no method can take the axes for the principal directions. The start is
 * (−4, 0.5) in the eigenbasis in 2-D (f = 20.5), a standard normal vector in it otherwise.
 */
export function makeQuadratic(dim: number, condition: number, seed: number): Quadratic {
  const rng = createRng(seed);
  const lambda = Array.from({ length: dim }, (_, i) => (dim === 1 ? 1 : condition ** (i / (dim - 1))));
  let q: number[][]; // q[k] is the k-th eigenvector
  if (dim === 2) {
    const [c, s] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)];
    q = [[c, s], [-s, c]];
  } else {
    q = [];
    while (q.length < dim) {
      let v = Array.from({ length: dim }, () => rng.normal());
      for (const u of q) {
        const d = u.reduce((acc, ui, i) => acc + ui * v[i], 0);
        v = v.map((vi, i) => vi - d * u[i]);
      }
      const norm = Math.hypot(...v);
      if (norm > 1e-6) q.push(v.map((vi) => vi / norm));
    }
  }
  const matrix = new Float64Array(dim * dim);
  for (let k = 0; k < dim; k++) {
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) matrix[i * dim + j] += lambda[k] * q[k][i] * q[k][j];
  }
  const coords = dim === 2 ? [-4, 0.5] : Array.from({ length: dim }, () => rng.normal());
  const start = Array.from({ length: dim }, (_, i) => coords.reduce((acc, c, k) => acc + c * q[k][i], 0));
  return { name: dim === 2 ? `2-D quadratic, condition ${condition}` : `${dim}-D quadratic, condition ${condition.toLocaleString('en-US')}`, dim, matrix, start, condition };
}

/** ½·wᵀAw in plain numbers. */
export function quadraticValue({ dim, matrix }: Quadratic, w: readonly number[]): number {
  let f = 0;
  for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) f += w[i] * matrix[i * dim + j] * w[j];
  return f / 2;
}

/** One optimizer's run on one problem: the curve, and when the target was first reached. */
export interface Run {
  readonly optimizer: string;
  /** The learning rate used (the best of the grid on the quadratics), if the method has one. */
  readonly rate?: number;
  /** Loss after 0, 1, 2, … steps (quadratics) or after each epoch (MLP), as `at` counts them. */
  readonly losses: readonly number[];
  /** Updates made when each loss was taken. */
  readonly steps: readonly number[];
  /** Gradient evaluations over the whole set when each loss was taken (line searches evaluate more than one per step). */
  readonly passes: readonly number[];
  /** Seconds of optimization when each loss was taken (the example's own loss evaluations excluded). */
  readonly seconds: readonly number[];
  /** The first index at which the loss was at or below the target, if any. */
  readonly reached?: number;
  /** Why the run stopped early: the loss stopped being finite, or the method cannot run here. */
  readonly note?: string;
  /** The iterates, for 2-D problems. */
  readonly path?: readonly (readonly [number, number])[];
}

export interface ProblemResult {
  readonly problem: string;
  /** The loss every run tries to reach. */
  readonly target: number;
  readonly runs: readonly Run[];
}

export interface OptimizersOptions {
  /** The optimizers to compare. Default every one in CONTENDERS. */
  readonly contenders?: readonly Contender[];
  /** Step budget on the 2-D quadratic. Default 500. */
  readonly steps2d?: number;
  /** Dimension and step budget of the second quadratic. Default 100 and 2,000. */
  readonly dimHigh?: number;
  readonly stepsHigh?: number;
  /** Learning rates tried on the quadratics. Default 10⁻⁴ … 1 in steps of √10 (about). */
  readonly rates?: readonly number[];
  /** MNIST training digits for the MLP. Default 5,000. */
  readonly digits?: number;
  /** Hidden units of the MLP. Default 64. */
  readonly hidden?: number;
  /** Time budget per optimizer on the MLP, in seconds, and the most epochs. Default 20 s, 1,000 epochs. */
  readonly mlpSeconds?: number;
  readonly mlpEpochs?: number;
  /** The MLP's target training loss (softmax cross-entropy). Default 0.05. */
  readonly mlpTarget?: number;
  /** The backend the MLP trains on ('wasm': SIMD WebAssembly, as fast as @nn gets on a CPU). Default 'wasm'. */
  readonly mlpBackend?: BackendName;
  /** Seeds the quadratic's basis and start, the MLP's weights and the shuffling. Default 1. */
  readonly seed?: number;
  /** Called with a line as each run ends. */
  readonly log?: (line: string) => void;
}

/** `--quick`: a grid of 2 rates, 50 steps, a 10-D quadratic, 300 digits and one epoch per optimizer (seconds, for the test). */
export const QUICK: OptimizersOptions = { steps2d: 50, dimHigh: 10, stepsHigh: 50, rates: [1e-2, 1e-1], digits: 300, hidden: 16, mlpSeconds: 5, mlpEpochs: 1 };

const RATES = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1];
/** The quadratics' target: f(w) ≤ 10⁻⁸·f(w₀), the error cut a hundred-million-fold. */
export const QUADRATIC_REDUCTION = 1e-8;

/**
 * The course's elongated error surface, and what each optimizer makes of it: every optimizer of the
 * toolkit on an ill-conditioned 2-D quadratic (drawn with its path), on a higher-dimensional one of
 * condition 1,000 (each lr-based method with the best rate of a grid), and on an MLP 784-64-10 on
 * 5,000 MNIST digits within a time budget; per problem, the steps, gradient evaluations and seconds each
 * needed to reach a target loss. Gradient descent's steps must stay below 2/λ_max while its progress
 * along the flattest direction is λ_min per unit rate, so it needs about κ·ln(1/ε) steps; momentum
 * about √κ·ln(1/ε); conjugate gradients at most n on an n-D quadratic; Newton one.
 * @see Rumelhart, Hinton, Williams (1986) and Polyak (1964) for momentum; Nocedal & Wright (2006), Numerical Optimization, ch. 3, 5, 7.
 * @see LeCun, Bottou, Orr, Müller (1998), Efficient BackProp, §5–§9.
 */
export async function optimizers(options: OptimizersOptions = {}): Promise<ProblemResult[]> {
  const { contenders = CONTENDERS, steps2d = 500, dimHigh = 100, stepsHigh = 2000, rates = RATES, seed = 1, log = () => {} } = options;
  const results: ProblemResult[] = [];
  for (const [q, steps] of [[makeQuadratic(2, 100, seed), steps2d], [makeQuadratic(dimHigh, 1000, seed), stepsHigh]] as const) {
    const f0 = quadraticValue(q, q.start);
    const target = f0 * QUADRATIC_REDUCTION;
    const runs = contenders.map((c) => {
      const run = bestQuadraticRun(c, q, steps, target, rates);
      log(`${q.name} · ${describeRun(run, target)}`);
      return run;
    });
    results.push({ problem: q.name, target, runs });
  }
  results.push(await mlpComparison(contenders, options, log));
  return results;
}

/** The run with the best rate of the grid: fewest steps to the target, else the lowest final loss. */
function bestQuadraticRun(c: Contender, q: Quadratic, steps: number, target: number, rates: readonly number[]): Run {
  const runs = (c.usesRate ? rates : [NaN]).map((rate) => quadraticRun(c, q, steps, target, rate));
  const score = (r: Run) => (r.reached !== undefined ? r.reached : steps + 1 + finalLossRank(r));
  return runs.reduce((best, r) => (score(r) < score(best) ? r : best));
}

/** A number in [0, 1) that orders final losses (NaN last), to break ties between runs that missed. */
function finalLossRank(r: Run): number {
  const last = r.losses[r.losses.length - 1];
  return Number.isFinite(last) ? Math.atan(Math.log10(last + 1e-300) + 400) / Math.PI : 0.999;
}

/**
 * `steps` full-batch updates of one optimizer from the quadratic's start, in float64, with the context
 * line searches and second-order methods need; the loss before every step and after the last. A loss
 * above 10⁶·f(w₀) or not finite ends the run as diverged.
 */
export function quadraticRun(c: Contender, q: Quadratic, steps: number, target: number, rate: number): Run {
  const a = tensor(Array.from(q.matrix), [q.dim, q.dim], 'float64');
  const lossFn = (p: Params): Tensor => {
    const { w } = p as { w: Tensor };
    return mul(sum(mul(w, matmul(a, w))), 0.5);
  };
  let passes = 0;
  const lossAndGrad = (p: Params) => {
    passes++;
    const { value, grads } = valueAndGrad(lossFn, p);
    return { loss: value.item(), grads };
  };
  const params = { w: tensor([...q.start], [q.dim], 'float64') };
  const optimizer = c.make(rate);
  const losses: number[] = [];
  const stepCounts: number[] = [];
  const passCounts: number[] = [];
  const seconds: number[] = [];
  const path: [number, number][] = [];
  const f0 = quadraticValue(q, q.start);
  let elapsed = 0;
  let note: string | undefined;
  let state = optimizer.init(params);
  for (let step = 0; ; step++) {
    const started = performance.now();
    const { loss, grads } = lossAndGrad(params);
    elapsed += performance.now() - started;
    losses.push(loss);
    stepCounts.push(step);
    passCounts.push(passes - 1);
    seconds.push(elapsed / 1000);
    if (q.dim === 2) path.push(params.w.toArray() as [number, number]);
    if (!Number.isFinite(loss) || loss > 1e6 * f0) {
      note = `diverged at step ${step}`;
      break;
    }
    // NOTE: past 10⁻⁴ of the target the curves leave the charts; the grid's slow runs are what cost time.
    if (step === steps || loss <= target * 1e-4) break;
    const resumed = performance.now();
    try {
      // NOTE: lossFn (the loss as a tensor function, for Newton and Hessian-free) is only read by the methods that need it.
      const ctx = { loss, lossAndGrad, lossFn, step } satisfies UpdateContext & { lossFn: unknown };
      let updates: Params;
      [updates, state] = optimizer.update(grads, state, params, ctx);
      applyUpdates(params, updates);
    } catch (error) {
      note = `failed at step ${step}: ${(error as Error).message.split('\n')[0]}`;
      break;
    }
    elapsed += performance.now() - resumed;
  }
  const reachedAt = losses.findIndex((l) => l <= target);
  return {
    optimizer: c.name,
    ...(c.usesRate ? { rate } : {}),
    losses,
    steps: stepCounts,
    passes: passCounts,
    seconds,
    ...(reachedAt < 0 ? {} : { reached: reachedAt }),
    ...(note === undefined ? {} : { note }),
    ...(q.dim === 2 ? { path } : {}),
  };
}

/**
 * Each optimizer trains the same MLP (784-hidden-10, ReLU, He-normal weights from one seed) with `fit`
 * on the first `digits` MNIST training digits (centered pixels), until its time budget or epoch limit
 * is spent; after every epoch the loss over the whole training set is taken with the clock stopped.
 */
async function mlpComparison(contenders: readonly Contender[], options: OptimizersOptions, log: (line: string) => void): Promise<ProblemResult> {
  const { digits = 5000, hidden = 64, mlpSeconds = 20, mlpEpochs = 1000, mlpTarget = 0.05, mlpBackend = 'wasm', seed = 1 } = options;
  const previous = getBackend();
  const backend = (await useBackend(mlpBackend)).name;
  try {
    return await mlpRuns(contenders, { digits, hidden, mlpSeconds, mlpEpochs, mlpTarget, seed, backend }, log);
  } finally {
    setBackend(previous);
  }
}

async function mlpRuns(
  contenders: readonly Contender[],
  { digits, hidden, mlpSeconds, mlpEpochs, mlpTarget, seed, backend }: { digits: number; hidden: number; mlpSeconds: number; mlpEpochs: number; mlpTarget: number; seed: number; backend: string },
  log: (line: string) => void,
): Promise<ProblemResult> {
  const { train } = centerPixels(await loadMnist({ flatten: true, subset: { train: digits, test: 1 } }));
  const problem = `MLP 784-${hidden}-10 on ${digits.toLocaleString('en-US')} MNIST digits (${backend} backend)`;
  const runs: Run[] = [];
  for (const c of contenders) {
    if (c.notOnMlp !== undefined) {
      const note = `not run: ${c.notOnMlp(784 * hidden + hidden + hidden * 10 + 10)}`;
      runs.push({ optimizer: c.name, losses: [], steps: [], passes: [], seconds: [], note });
      log(`${problem} · ${c.name}: ${note}`);
      continue;
    }
    const rng = createRng(seed);
    const model = sequential(dense(784, hidden, { init: heNormal, rng }), activation('relu'), dense(hidden, 10, { rng }));
    let samples = 0;
    let counting = true;
    const loss = (prediction: Tensor, target: Tensor) => {
      if (counting) samples += prediction.shape[0];
      return softmaxCrossEntropy(prediction, target);
    };
    const fullLoss = () => {
      counting = false;
      const value = evaluate(model, train, { loss: softmaxCrossEntropy, batchSize: digits }).loss;
      counting = true;
      return value;
    };
    const losses = [fullLoss()];
    const steps = [0];
    const passes = [0];
    const seconds = [0];
    let step = 0;
    let elapsed = 0;
    let resumed = 0;
    const recorder: TrainingCallback = {
      onTrainBegin: () => void (resumed = performance.now()),
      onBatchEnd: () => void step++,
      onEpochEnd: (_logs, control) => {
        elapsed += performance.now() - resumed;
        losses.push(fullLoss());
        steps.push(step);
        passes.push(samples / digits);
        seconds.push(elapsed / 1000);
        if (elapsed / 1000 >= mlpSeconds) control.stop('time budget spent');
        resumed = performance.now();
      },
    };
    let note: string | undefined;
    try {
      await fit(model, train, {
        loss, optimizer: c.make(c.mlpRate ?? NaN), epochs: mlpEpochs, batchSize: c.batch === 'full' ? 'full' : 100,
        seed, progress: false, callbacks: [recorder],
      });
    } catch (error) {
      if (!(error instanceof TrainingDivergedError)) throw error;
      note = `diverged: ${error.message}`;
    }
    const reachedAt = losses.findIndex((l) => l <= mlpTarget);
    const run: Run = {
      optimizer: c.name,
      ...(c.mlpRate === undefined ? {} : { rate: c.mlpRate }),
      losses, steps, passes, seconds,
      ...(reachedAt < 0 ? {} : { reached: reachedAt }),
      ...(note === undefined ? {} : { note }),
    };
    log(`${problem} · ${describeRun(run, mlpTarget)}`);
    runs.push(run);
  }
  return { problem, target: mlpTarget, runs };
}

function describeRun(r: Run, target: number): string {
  const last = r.losses[r.losses.length - 1];
  const reached = r.reached === undefined ? `missed ${formatLoss(target)} (final ${formatLoss(last)})` : `reached ${formatLoss(target)} in ${r.steps[r.reached]} steps, ${r.seconds[r.reached].toFixed(2)} s`;
  return `${r.optimizer}${r.rate === undefined ? '' : ` (lr ${r.rate})`}: ${reached}${r.note === undefined ? '' : `; ${r.note}`}`;
}

function formatLoss(v: number | undefined): string {
  if (v === undefined) return '—';
  if (!Number.isFinite(v)) return String(v);
  return v === 0 ? '0' : v.toExponential(1);
}

/**
 * The table of one problem: per optimizer its learning rate, the steps, gradient evaluations (in passes
 * over the data) and seconds it took to reach the target ('—' where it did not within the budget), and
 * the loss it ended at; sorted by seconds to target, those that missed last.
 */
export function resultTable({ problem, target, runs }: ProblemResult): string {
  const order = [...runs].sort((a, b) => secondsTo(a) - secondsTo(b));
  const rows = order.map((r) => {
    const i = r.reached;
    const last = r.losses[r.losses.length - 1];
    return [
      r.optimizer,
      r.rate === undefined ? '' : String(r.rate),
      i === undefined ? '—' : String(r.steps[i]),
      i === undefined ? '—' : formatPasses(r.passes[i]),
      i === undefined ? '—' : formatSeconds(r.seconds[i]),
      formatLoss(last),
      r.note ?? (i === undefined ? `missed in ${r.steps[r.steps.length - 1] ?? 0} steps` : ''),
    ];
  });
  const header = ['optimizer', 'lr', 'steps', 'grad. passes', 'seconds', 'final loss', 'note'];
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k].length)));
  const line = (cells: readonly string[]) => cells.map((cell, k) => (k === 0 || k === 6 ? cell.padEnd(widths[k]) : cell.padStart(widths[k]))).join('  ').trimEnd();
  return [`${problem}: to loss ≤ ${formatLoss(target)}`, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** 0.0042 · 0.42 · 4.2 · 42: two significant digits below 10 s, tenths above. */
function formatSeconds(s: number): string {
  return s >= 10 ? s.toFixed(1) : s >= 1 ? s.toFixed(2) : s >= 0.01 ? s.toFixed(3) : s.toFixed(4);
}

function secondsTo(r: Run): number {
  return r.reached === undefined ? Infinity : r.seconds[r.reached];
}

function formatPasses(p: number): string {
  return Number.isInteger(p) ? String(p) : p.toFixed(1);
}

/** File names of the charts, per problem index: [x = steps or passes, x = seconds]. */
function chartNames(index: number): { slug: string; stepAxis: 'steps' | 'passes' } {
  return [{ slug: 'quadratic-2d', stepAxis: 'steps' as const }, { slug: 'quadratic-high', stepAxis: 'steps' as const }, { slug: 'mlp', stepAxis: 'passes' as const }][index];
}

/**
 * The SVG charts of the results, by file name: per problem the loss against steps (on the MLP against
 * gradient passes over the data) and against seconds, and the 2-D quadratic's contours with every path.
 */
export function charts(results: readonly ProblemResult[], quadratic2d: Quadratic): Record<string, string> {
  const files: Record<string, string> = {};
  results.forEach((result, index) => {
    const { slug, stepAxis } = chartNames(index);
    const ran = result.runs.filter((r) => r.losses.length > 0);
    const label = (r: Run) => `${r.optimizer}${r.rate === undefined ? '' : ` (lr ${r.rate})`}`;
    const series = (x: (r: Run) => readonly number[]): Series[] => ran.map((r) => ({ name: label(r), x: x(r), y: r.losses }));
    const reference = { y: result.target, label: `target ${formatLoss(result.target)}` };
    const yMin = result.target / 1e4;
    const yMax = 10 * Math.max(...ran.map((r) => r.losses[0])); // a diverging run would squash the rest
    const xLabel = stepAxis === 'steps' ? 'steps' : 'gradient evaluations (passes over the training digits)';
    files[`${slug}-${stepAxis}.svg`] = lineChartSvg(series((r) => (stepAxis === 'steps' ? r.steps : r.passes)), { title: `${result.problem}: loss against ${stepAxis}`, xLabel, yLabel: 'loss', reference, yMin, yMax });
    files[`${slug}-seconds.svg`] = lineChartSvg(series((r) => r.seconds), { title: `${result.problem}: loss against time`, xLabel: 'seconds', yLabel: 'loss', reference, yMin, yMax });
  });
  const f0 = quadraticValue(quadratic2d, quadratic2d.start);
  const ran2d = results[0].runs.filter((r) => r.losses.length > 0);
  const panels = ran2d.flatMap((r, i) => (r.path === undefined ? [] : [contourSvg({
    title: `${r.optimizer}${r.rate === undefined ? '' : ` (lr ${r.rate})`}${r.reached === undefined ? '' : `: ${r.steps[r.reached]} steps`}`,
    f: (x, y) => quadraticValue(quadratic2d, [x, y]),
    xRange: [-4.5, 1.5],
    yRange: [-2.5, 1],
    levels: Array.from({ length: 9 }, (_, k) => f0 * 10 ** (-k / 2)),
    paths: [{ name: r.optimizer, points: r.path.slice(0, 60), styleIndex: i } satisfies Path2d],
    resolution: 60,
    width: 360,
    id: `p${i}`,
  })]));
  if (panels.length > 0) files['quadratic-2d-paths.svg'] = panelsSvg(`${results[0].problem}: the first 60 steps from (${quadratic2d.start.map((v) => v.toFixed(2)).join(', ')})`, panels, 3);
  return files;
}

/** Prints the tables and writes the charts (and every curve as JSON) into `out`. */
export async function main(args: readonly string[] = []): Promise<void> {
  const { out, rest } = takeOut(args, 'out/optimizers');
  const flags = parseFlags('optimizers', rest, { integers: ['seed'], switches: ['quick'] });
  const options: OptimizersOptions = { ...(flags.quick ? QUICK : {}), ...(flags.seed === undefined ? {} : { seed: flags.seed }) };
  console.log(`every optimizer on an elongated error surface${flags.quick ? ' (--quick)' : ''}: 2-D and ${options.dimHigh ?? 100}-D quadratics (best lr of a grid), then an MLP on MNIST digits`);
  const results = await optimizers({ ...options, log: (line) => console.error(`  · ${line}`) });
  for (const r of results) console.log(`\n${resultTable(r)}`);
  await mkdir(out, { recursive: true });
  const files = charts(results, makeQuadratic(2, 100, options.seed ?? 1));
  for (const [name, svg] of Object.entries(files)) await writeFile(`${out}/${name}`, svg);
  const curves = results.map(({ problem, target, runs }) => ({ problem, target, runs: runs.map(({ path: _path, ...r }) => r) }));
  await writeFile(`${out}/results.json`, `${JSON.stringify(curves)}\n`);
  console.log(`\nwrote ${Object.keys(files).map((n) => `${out}/${n}`).join(', ')} and ${out}/results.json`);
}

/** Takes `--out DIR` (or `--out=DIR`) from the arguments: the folder, and the other arguments. */
export function takeOut(args: readonly string[], fallback: string): { out: string; rest: string[] } {
  const rest: string[] = [];
  let out = fallback;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--out' || arg.startsWith('--out=')) {
      const value = arg === '--out' ? args[++i] : arg.slice('--out='.length);
      if (value === undefined || value === '' || value.startsWith('--')) throw new UsageError('optimizers: --out needs a folder');
      out = value;
    } else rest.push(arg);
  }
  return { out, rest };
}
