import { ValueError, add, eigh, fromTypedArray, matmul, mul, div, reshape, sub, transpose } from '@nn/tensor';
import type { FloatDType, Json, Tensor } from '@nn/tensor';
import { type FittedPreprocessor, type Preprocessor, constant, numbersFromJson, rowsOf, sampleMap, shapeFromJson, trainingSamples } from './preprocessor';

export interface PcaOptions {
  /** Keep this many principal components, 1 … F. Default: all F (a rotation onto the principal axes). */
  readonly components?: number;
  /** Or keep the fewest components whose share of the total variance reaches this ratio, in (0, 1]. */
  readonly varianceRatio?: number;
  /** Divide each component by √(λ + epsilon), λ its variance: unit variance on the training set. Default false. */
  readonly whiten?: boolean;
  /** Added to each eigenvalue before whitening, so near-zero directions are not blown up. Default 1e-5. */
  readonly epsilon?: number;
}

/** What a fitted PCA keeps (plain numbers, for JSON). */
export interface PcaState {
  readonly [key: string]: Json;
  readonly featureShape: number[];
  /** The training mean of each of the F features. */
  readonly mean: number[];
  /** The kept principal axes, F×K row-major: column j is axis j (unit length, largest entry positive). */
  readonly components: number[];
  /** The variance along each kept axis (the covariance's eigenvalues, ÷ (N − 1)), descending. */
  readonly explainedVariance: number[];
  /** Each kept axis's share of the total variance (the covariance's trace). */
  readonly explainedVarianceRatio: number[];
}

interface PcaConfig {
  readonly [key: string]: Json;
  readonly components: number | null;
  readonly varianceRatio: number | null;
  readonly whiten: boolean;
  readonly epsilon: number;
}

/**
 * Principal component analysis: z = (x − mean)·W, W the K leading eigenvectors of the training
 * covariance C = Σ (xᵢ − mean)(xᵢ − mean)ᵀ / (N − 1) (found with `eigh`); whitened,
 * zⱼ / √(λⱼ + ε). `inverseTransform` maps back, x̂ = z·Wᵀ + mean (whitened: z·diag(√(λ + ε))·Wᵀ + mean):
 * exact when no component is dropped, otherwise the reconstruction from the kept components.
 * Images and other multi-axis samples are flattened to F features and restored by the inverse.
 * @see K. Pearson, "On lines and planes of closest fit to systems of points in space", 1901
 * @see Y. LeCun, L. Bottou, G. Orr, K.-R. Müller, "Efficient BackProp", 1998, §4.3 (decorrelate the inputs)
 */
export function pca(options: PcaOptions = {}): Preprocessor<FittedPreprocessor<PcaState>> {
  const config = pcaConfig('pca', options);
  return {
    kind: 'pca',
    config,
    fit(data) {
      const op = 'pca.fit';
      const x = trainingSamples(op, data);
      const { data: v, n, f } = rowsOf(op, x);
      if (n < 2) throw new ValueError(op, `needs at least 2 samples for a covariance, got ${n}`);
      if (config.components !== null && config.components > f) {
        throw new ValueError(op, `asked for ${config.components} components but the samples have only ${f} features`);
      }
      // (1) mean and centred rows
      const mean = new Float64Array(f);
      for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) mean[j] += v[i * f + j];
      for (let j = 0; j < f; j++) mean[j] /= n;
      for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) v[i * f + j] -= mean[j];
      // (2) covariance, upper triangle accumulated row by row, then mirrored
      const c = new Float64Array(f * f);
      for (let i = 0; i < n; i++) {
        const row = i * f;
        for (let a = 0; a < f; a++) {
          const va = v[row + a];
          if (va === 0) continue;
          const ca = a * f;
          for (let b = a; b < f; b++) c[ca + b] += va * v[row + b];
        }
      }
      for (let a = 0; a < f; a++) {
        for (let b = a; b < f; b++) {
          c[a * f + b] /= n - 1;
          c[b * f + a] = c[a * f + b];
        }
      }
      // (3) eigenpairs, descending; rounding can leave tiny negative eigenvalues: clamp to 0
      const { values, vectors } = eigh(fromTypedArray(c, [f, f], 'float64'));
      const lambda = Array.from(values.dataSync()).reverse().map((l) => Math.max(l, 0));
      const total = lambda.reduce((s, l) => s + l, 0);
      const ratio = lambda.map((l) => (total > 0 ? l / total : 1 / f));
      // (4) how many to keep
      let k = config.components ?? f;
      if (config.varianceRatio !== null) {
        k = 1;
        let sum = ratio[0];
        // NOTE: a small tolerance so that a ratio of exactly 1 is met despite rounding in the sum.
        while (k < f && sum < config.varianceRatio - 1e-12) sum += ratio[k++];
      }
      // (5) the kept axes, F×K, each with its largest entry positive (eigenvectors' signs are arbitrary)
      const vec = vectors.dataSync();
      const components = new Array<number>(f * k);
      for (let j = 0; j < k; j++) {
        const col = f - 1 - j;
        let big = 0;
        for (let a = 0; a < f; a++) if (Math.abs(vec[a * f + col]) > Math.abs(big)) big = vec[a * f + col];
        const s = big < 0 ? -1 : 1;
        for (let a = 0; a < f; a++) components[a * k + j] = s * vec[a * f + col];
      }
      return fittedPca(config, {
        featureShape: x.shape.slice(1),
        mean: Array.from(mean),
        components,
        explainedVariance: lambda.slice(0, k),
        explainedVarianceRatio: ratio.slice(0, k),
      });
    },
  };
}

export function fittedPca(config: PcaConfig, state: PcaState): FittedPreprocessor<PcaState> {
  const { featureShape, mean, components, explainedVariance } = state;
  const f = mean.length;
  const k = explainedVariance.length;
  const m = constant(mean, [f]);
  const w = constant(components, [f, k]);
  const scaleValues = explainedVariance.map((l) => Math.sqrt(l + config.epsilon));
  const scale = constant(scaleValues, [k]);
  const dtype = (t: Tensor) => t.dtype as FloatDType;
  return Object.freeze({
    kind: 'pca',
    config,
    state,
    transform: sampleMap('pca.transform', featureShape, (x) => {
      const z = matmul(sub(reshape(x, [x.shape[0], f]), m(dtype(x))), w(dtype(x)));
      return config.whiten ? div(z, scale(dtype(x))) : z;
    }),
    inverseTransform: sampleMap('pca.inverseTransform', [k], (z) => {
      const unscaled = config.whiten ? mul(z, scale(dtype(z))) : z;
      const x = add(matmul(unscaled, transpose(w(dtype(z)))), m(dtype(z)));
      return reshape(x, [z.shape[0], ...featureShape]);
    }),
    toJSON: () => ({ kind: 'pca', config, state }),
  });
}

export function pcaConfig(op: string, { components, varianceRatio, whiten = false, epsilon = 1e-5 }: PcaOptions): PcaConfig {
  if (components !== undefined && varianceRatio !== undefined) throw new ValueError(op, 'give components or varianceRatio, not both');
  if (components !== undefined && (!Number.isInteger(components) || components < 1)) {
    throw new ValueError(op, `components must be a positive integer, got ${components}`);
  }
  if (varianceRatio !== undefined && !(varianceRatio > 0 && varianceRatio <= 1)) {
    throw new ValueError(op, `varianceRatio must be in (0, 1], got ${varianceRatio}`);
  }
  if (typeof whiten !== 'boolean') throw new ValueError(op, `whiten must be true or false, got ${String(whiten)}`);
  if (!(epsilon >= 0) || !Number.isFinite(epsilon)) throw new ValueError(op, `epsilon must be a finite number ≥ 0, got ${epsilon}`);
  return { components: components ?? null, varianceRatio: varianceRatio ?? null, whiten, epsilon };
}

/** Rebuilds a fitted PCA from its JSON config and state, checked. */
export function pcaFromState(op: string, config: { readonly [key: string]: unknown }, state: { readonly [key: string]: unknown }): FittedPreprocessor<PcaState> {
  const c = pcaConfig(op, {
    components: (config.components ?? undefined) as number | undefined,
    varianceRatio: (config.varianceRatio ?? undefined) as number | undefined,
    whiten: config.whiten as boolean,
    epsilon: config.epsilon as number,
  });
  const featureShape = shapeFromJson(op, state.featureShape as Json, 'featureShape');
  const f = featureShape.reduce((a, b) => a * b, 1);
  const ev = state.explainedVariance;
  const k = Array.isArray(ev) ? ev.length : -1;
  return fittedPca(c, {
    featureShape,
    mean: numbersFromJson(op, state.mean as Json, 'mean', f),
    components: numbersFromJson(op, state.components as Json, 'components', f * k),
    explainedVariance: numbersFromJson(op, ev as Json, 'explainedVariance', k),
    explainedVarianceRatio: numbersFromJson(op, state.explainedVarianceRatio as Json, 'explainedVarianceRatio', k),
  });
}
