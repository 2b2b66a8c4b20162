import { type Rng, type Tensor, NnError, ShapeError, ValueError, createRng, fromTypedArray, formatShape } from '@nn/tensor';

export interface PerceptronOptions {
  /** Passes over the data before giving up. Default 100. */
  readonly maxEpochs?: number;
  /** Visit the samples in a new random order every epoch (the guarantee holds either way). Default false. */
  readonly shuffle?: boolean;
  readonly rng?: Rng;
}

export interface PerceptronResult {
  /** One weight per input. */
  readonly weights: Tensor;
  readonly bias: number;
  /** True when an epoch made no mistake: every sample is classified correctly. */
  readonly converged: boolean;
  readonly epochs: number;
  /** Mistakes (= updates) in each epoch. */
  readonly mistakes: readonly number[];
  /** `converged after 3 epochs` or `did not converge after 100 epochs (2 of 4 samples still wrong)`. */
  readonly message: string;
  /** 1 where w·x + b ≥ 0, else 0. */
  predict(x: Tensor): Tensor;
}

/**
 * Rosenblatt's perceptron rule for a binary threshold unit y = [w·x + b ≥ 0] with 0/1 targets: on a
 * false 0 add the input to the weights (and 1 to the bias), on a false 1 subtract it. On linearly
 * separable data it converges in finitely many updates (Novikoff 1962); on XOR it cannot (Minsky &
 * Papert 1969), and the result then says that it did not converge.
 * @see Rosenblatt (1958), The perceptron: a probabilistic model for information storage and organization in the brain.
 */
export function perceptron(x: Tensor, targets: Tensor, { maxEpochs = 100, shuffle = false, rng = createRng(0) }: PerceptronOptions = {}): PerceptronResult {
  const op = 'perceptron';
  if (x.rank !== 2) throw new ShapeError(op, `expected inputs of shape [N, D], got ${formatShape(x.shape)}`);
  const [n, d] = x.shape;
  if (targets.size !== n) throw new ShapeError(op, `x has ${n} samples but targets has ${targets.size}`);
  if (!Number.isInteger(maxEpochs) || maxEpochs < 1) throw new NnError(op, `maxEpochs must be a positive integer, got ${maxEpochs}`);
  const xs = x.dataSync();
  const ts = targets.dataSync();
  ts.forEach((t, i) => {
    if (t !== 0 && t !== 1) throw new ValueError(op, `target ${t} at sample ${i} is not 0 or 1`);
  });
  const w = new Float64Array(d);
  let b = 0;
  const mistakes: number[] = [];
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let converged = false;
  while (!converged && mistakes.length < maxEpochs) {
    if (shuffle) rng.shuffle(order);
    let wrong = 0;
    for (const i of order) {
      let z = b;
      for (let j = 0; j < d; j++) z += w[j] * xs[i * d + j];
      const y = z >= 0 ? 1 : 0;
      if (y === ts[i]) continue;
      const sign = ts[i] === 1 ? 1 : -1; // false 0: add the input; false 1: subtract it
      for (let j = 0; j < d; j++) w[j] += sign * xs[i * d + j];
      b += sign;
      wrong++;
    }
    mistakes.push(wrong);
    converged = wrong === 0;
  }
  const weights = fromTypedArray(x.dtype === 'float64' ? w : Float32Array.from(w), [d], x.dtype === 'float64' ? 'float64' : 'float32');
  const classify = (input: Tensor): Tensor => {
    if (input.rank !== 2 || input.shape[1] !== d) throw new ShapeError(op, `expected inputs of shape [N, ${d}], got ${formatShape(input.shape)}`);
    const v = input.dataSync();
    const out = new Float32Array(input.shape[0]);
    for (let i = 0; i < out.length; i++) {
      let z = b;
      for (let j = 0; j < d; j++) z += w[j] * v[i * d + j];
      out[i] = z >= 0 ? 1 : 0;
    }
    return fromTypedArray(out, [out.length], 'float32');
  };
  let message: string;
  if (converged) message = `converged after ${mistakes.length} epochs`;
  else {
    const predicted = classify(x).dataSync();
    let stillWrong = 0;
    for (let i = 0; i < n; i++) if (predicted[i] !== ts[i]) stillWrong++;
    message = `did not converge after ${maxEpochs} epochs (${stillWrong} of ${n} samples still wrong)`;
  }
  return { weights, bias: b, converged, epochs: mistakes.length, mistakes, message, predict: classify };
}
