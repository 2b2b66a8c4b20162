import { createRng, fromTypedArray, perceptron, type PerceptronResult, type Tensor } from '@nn/core';
import { parseFlags } from './flags';

export interface SeparableDataOptions {
  readonly samples?: number;
  /** No point lies closer than this to the teacher's line, so the classes are separated by 2·margin. */
  readonly margin?: number;
  readonly seed?: number;
}

/** Points of the plane labelled by a teacher's line, and that line. */
export interface SeparableData {
  /** float64 [N, 2], uniform on the square [−1, 1]². */
  readonly x: Tensor;
  /** float64 [N]: 1 where the teacher's w·x + b > 0, else 0. */
  readonly targets: Tensor;
  /** The teacher: unit normal w and offset b of the separating line. */
  readonly teacher: { readonly w: readonly [number, number]; readonly b: number };
  readonly margin: number;
}

const TEACHER = { w: [0.6, -0.8] as const, b: 0.2 };

/**
 * Linearly separable 2-D data: points uniform on [−1, 1]², labelled by the side of the teacher's line
 * 0.6·x₁ − 0.8·x₂ + 0.2 = 0 they fall on; points within `margin` of the line are drawn again.
 */
export function separableData({ samples = 40, margin = 0.1, seed = 1 }: SeparableDataOptions = {}): SeparableData {
  const rng = createRng(seed);
  const x = new Float64Array(samples * 2);
  const t = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    let z: number;
    do {
      x[2 * i] = rng.uniformRange(-1, 1);
      x[2 * i + 1] = rng.uniformRange(-1, 1);
      z = TEACHER.w[0] * x[2 * i] + TEACHER.w[1] * x[2 * i + 1] + TEACHER.b;
    } while (Math.abs(z) < margin);
    t[i] = z > 0 ? 1 : 0;
  }
  return { x: fromTypedArray(x, [samples, 2], 'float64'), targets: fromTypedArray(t, [samples], 'float64'), teacher: TEACHER, margin };
}

/**
 * Novikoff's bound on the perceptron's total number of mistakes, (R/γ)², for inputs augmented with a
 * constant 1 (the bias): R = max ‖(x, 1)‖ and γ the teacher's margin on those inputs, margin / ‖(w, b)‖.
 * @see Novikoff (1962), On convergence proofs on perceptrons.
 */
export function novikoffBound({ x, teacher, margin }: SeparableData): number {
  const xs = x.dataSync();
  let r2 = 0;
  for (let i = 0; i < xs.length; i += 2) r2 = Math.max(r2, xs[i] ** 2 + xs[i + 1] ** 2 + 1);
  const gamma = margin / Math.hypot(teacher.w[0], teacher.w[1], teacher.b);
  return r2 / gamma ** 2;
}

export interface PerceptronSeparableResult {
  readonly data: SeparableData;
  readonly result: PerceptronResult;
  readonly totalMistakes: number;
  readonly bound: number;
  /** Training samples the final weights classify wrongly: 0 once converged. */
  readonly trainingErrors: number;
}

/**
 * Rosenblatt's perceptron learning rule on linearly separable data converges: after finitely many
 * mistakes (at most Novikoff's (R/γ)²) one pass over the data makes none, and the learned line
 * separates the two classes.
 * @see Rosenblatt (1958), The perceptron: a probabilistic model for information storage and organization in the brain.
 */
export function perceptronSeparable({ samples = 40, margin = 0.1, seed = 1, shuffle = false }: SeparableDataOptions & { readonly shuffle?: boolean } = {}): PerceptronSeparableResult {
  const data = separableData({ samples, margin, seed });
  const result = perceptron(data.x, data.targets, { maxEpochs: 1000, shuffle, rng: createRng(seed) });
  const predicted = result.predict(data.x).dataSync();
  const targets = data.targets.dataSync();
  let trainingErrors = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] !== targets[i]) trainingErrors++;
  return { data, result, totalMistakes: result.mistakes.reduce((a, b) => a + b, 0), bound: novikoffBound(data), trainingErrors };
}

/** Prints the mistakes per epoch and the final weights, next to the teacher's. */
export function main(args: readonly string[] = []): void {
  const flags = parseFlags('perceptron-separable', args, { integers: ['samples', 'seed'] });
  const { data, result, totalMistakes, bound, trainingErrors } = perceptronSeparable({ samples: flags.samples ?? 100, seed: flags.seed ?? 1 });
  const [w1, w2] = Array.from(result.weights.dataSync());
  const n = data.x.shape[0];
  console.log(`Rosenblatt's perceptron on ${n} linearly separable points of the plane (margin ${data.margin} on each side of the teacher's line)`);
  result.mistakes.forEach((m, i) => console.log(`epoch ${String(i + 1).padStart(3)}: ${m} mistake${m === 1 ? '' : 's'}`));
  console.log(result.message);
  console.log(`total mistakes ${totalMistakes} (Novikoff's bound (R/γ)² = ${Math.floor(bound)}); training errors now ${trainingErrors} of ${n}`);
  console.log(`final weights w = (${w1.toFixed(4)}, ${w2.toFixed(4)}), bias b = ${result.bias}`);
  const norm = Math.hypot(w1, w2);
  const { w, b } = data.teacher;
  console.log(`as a unit normal: (${(w1 / norm).toFixed(3)}, ${(w2 / norm).toFixed(3)}), offset ${(result.bias / norm).toFixed(3)}; teacher: (${w[0]}, ${w[1]}), offset ${b}`);
}
