import { perceptron, tensor, type PerceptronResult } from '@nn/core';
import { parseFlags } from './flags';

const XOR_INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];
const XOR_TARGETS = [0, 1, 1, 0];

export interface PerceptronXorResult {
  /** The rule on the raw inputs (x₁, x₂): it cannot converge. */
  readonly raw: PerceptronResult;
  /** The same rule given the hand-made feature x₁·x₂ as a third input: now it converges. */
  readonly withProduct: PerceptronResult;
}

/**
 * The perceptron rule on XOR never converges: no line separates {(0,1), (1,0)} from {(0,0), (1,1)}
 * (the four constraints b < 0, w₂ + b ≥ 0, w₁ + b ≥ 0, w₁ + w₂ + b < 0 sum to a contradiction), so
 * every pass makes a mistake and the weights cycle forever. A hand-designed feature, x₁·x₂, makes
 * the problem separable: the limit is the fixed input layer, not the learning rule.
 * @see Minsky & Papert (1969), Perceptrons: an introduction to computational geometry.
 */
export function perceptronXor({ maxEpochs = 100 }: { readonly maxEpochs?: number } = {}): PerceptronXorResult {
  const targets = tensor(XOR_TARGETS);
  const raw = perceptron(tensor(XOR_INPUTS), targets, { maxEpochs });
  const withProduct = perceptron(tensor(XOR_INPUTS.map(([a, b]) => [a, b, a * b])), targets, { maxEpochs });
  return { raw, withProduct };
}

/** Prints what the rule ends with on XOR, and how the product feature fixes it. */
export function main(args: readonly string[] = []): void {
  const { epochs } = parseFlags('perceptron-xor', args, { integers: ['epochs'] });
  const { raw, withProduct } = perceptronXor({ maxEpochs: epochs });
  console.log('Rosenblatt\'s perceptron on XOR (Minsky & Papert 1969)');
  console.log(`mistakes in the first epochs: ${raw.mistakes.slice(0, 10).join(', ')}, …`);
  console.log(`result: ${raw.message}`);
  const [w1, w2] = Array.from(raw.weights.dataSync());
  const out = Array.from(raw.predict(tensor(XOR_INPUTS)).dataSync());
  console.log(`last weights w = (${w1}, ${w2}), b = ${raw.bias}; outputs for (0,0) (0,1) (1,0) (1,1): ${out.join(' ')} (targets ${XOR_TARGETS.join(' ')})`);
  const [v1, v2, v3] = Array.from(withProduct.weights.dataSync());
  console.log(`with the extra input x₁·x₂: ${withProduct.message}, w = (${v1}, ${v2}, ${v3}), b = ${withProduct.bias}`);
}
