import { main as backpropXor } from './backprop-xor';
import { main as cafeteria } from './cafeteria';
import { main as denoisingAutoencoder } from './denoising-autoencoder';
import { main as imageFilters } from './image-filters';
import { parseFlags } from './flags';
import { main as logisticRegression } from './logistic-regression';
import { main as mnistMlp } from './mnist-mlp';
import { main as modelSelection } from './model-selection';
import { main as optimizersExample } from './optimizers';
import { main as overfitting } from './overfitting';
import { main as pcaDigits } from './pca-digits';
import { main as perceptronSeparable } from './perceptron-separable';
import { main as perceptronXor } from './perceptron-xor';
import { main as sequences } from './sequences';
import { main as softmaxRegression } from './softmax-regression';

interface Example {
  readonly run: (args: readonly string[]) => void | Promise<void>;
  readonly flags: string;
  readonly about: string;
}

/** Every course example, by the name that runs it: `examples <name> [flags]`. */
export const examples: Readonly<Record<string, Example>> = {
  cafeteria: { run: cafeteriaWithoutFlags, flags: '', about: 'a linear neuron learns prices with the delta rule (Widrow & Hoff 1960)' },
  'perceptron-separable': { run: perceptronSeparable, flags: '[--samples N] [--seed N]', about: "Rosenblatt's perceptron converges on separable data (Rosenblatt 1958, Novikoff 1962)" },
  'perceptron-xor': { run: perceptronXor, flags: '[--epochs N]', about: 'the same rule never converges on XOR (Minsky & Papert 1969)' },
  'backprop-xor': { run: backpropXor, flags: '[--seed N] [--epochs N]', about: 'a 2-2-1 network learns XOR by backpropagation (Rumelhart, Hinton & Williams 1986)' },
  'logistic-regression': { run: logisticRegression, flags: '[--per-class N] [--epochs N] [--seed N]', about: 'one logistic unit on two Gaussian blobs, against the Bayes rate' },
  'softmax-regression': { run: softmaxRegression, flags: '[--train N] [--test N] [--epochs N] [--seed N]', about: 'softmax regression on three blobs, then on MNIST' },
  'image-filters': { run: imageFilters, flags: '[--out DIR]', about: 'sharpen, blur, edge and emboss kernels applied to a digit by convolution, written as PNG files' },
  'mnist-mlp': { run: mnistMlp, flags: '[--epochs N] [--quick] [--seed N]', about: 'a 784-256-10 ReLU MLP on the full MNIST: test errors and confusion matrix' },
  optimizers: { run: optimizersExample, flags: '[--out DIR] [--quick] [--seed N]', about: 'every optimizer on an elongated error surface (2-D and 100-D quadratics) and on an MLP on 5,000 digits: steps and seconds to a target, SVG charts' },
  overfitting: { run: overfitting, flags: '[--out DIR] [--quick] [--epochs N] [--seed N]', about: 'a 784-800-800-10 net on 1,000 digits overfits; twelve remedies (penalties, max-norm, noise, dropout, early stopping, ensembles, bagging, SGLD) compared by test error, curves as SVG' },
  'pca-digits': { run: pcaDigits, flags: '[--out DIR] [--quick] [--seed N]', about: 'MNIST digits rebuilt from 5, 10, 20 and 50 principal components (a PNG), and softmax regression learning faster from z-scored and whitened inputs than from raw pixels (LeCun et al. 1998)' },
  'denoising-autoencoder': { run: denoisingAutoencoder, flags: '[--out DIR] [--quick] [--epochs N] [--seed N]', about: 'an autoencoder learns to restore MNIST digits with half their pixels erased by input dropout (Vincent et al. 2008); writes a PNG' },
  'model-selection': { run: modelSelection, flags: '[--out DIR] [--quick] [--seed N]', about: 'choosing by test error (wrong) against cross-validation (right) on breast cancer; an MLP tuned by random and Bayesian search on digits 8×8 and breast cancer, trial tables and SVG charts' },
  sequences: { run: sequences, flags: '[--out DIR] [--quick] [--steps N] [--epochs N] [--seed N] [--mnist]', about: 'recurrent networks: the adding problem (T = 50) learned by an LSTM and not by a simple RNN, and an LSTM forecasting a sine by feeding back its own predictions (SVG chart); --mnist: row-by-row MNIST, an LSTM(128) reading each digit as 28 rows of 28 pixels' },
};

/** The cafeteria example takes no flags, so any is a usage error rather than silently ignored. */
function cafeteriaWithoutFlags(args: readonly string[]): void {
  parseFlags('cafeteria', args, {});
  cafeteria();
}

/** The help text: every example with its flags, and what it shows on the line below. */
export function usage(): string {
  const lines = Object.entries(examples).flatMap(([name, e]) => [`  ${name}${e.flags === '' ? '' : ` ${e.flags}`}`, `      ${e.about}`]);
  return ['usage: examples <name> [flags]', 'available:', ...lines].join('\n');
}
