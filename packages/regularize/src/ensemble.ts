import {
  type Json, type Layer, type Params, type Rng, type Tensor, ShapeError, ValueError, formatShape, logSoftmax,
  logSumExp, mean, stack, sub,
} from '@nn/tensor';

/**
 * How an ensemble combines its members' outputs. The members output logits (unnormalized
 * log-probabilities, as a classifier trained with softmax cross-entropy does); p_i = softmax(z_i).
 * - 'arithmetic': the mixture p = (1/k)·Σ p_i (averaging the predicted probabilities);
 * - 'geometric': the renormalized geometric mean p ∝ (Π p_i)^(1/k) (a product of experts);
 * - 'mean': the plain mean of the outputs, for regression.
 */
export type EnsembleCombine = 'arithmetic' | 'geometric' | 'mean';

export interface EnsembleOptions {
  /** Default 'arithmetic'. */
  readonly combine?: EnsembleCombine;
}

/** An ensemble keeps its members, for inspection and for their spread (`ensembleSpread`). */
export interface EnsembleLayer<M extends readonly Layer[] = readonly Layer[]> extends Layer<Params[]> {
  readonly members: M;
  readonly combine: EnsembleCombine;
}

const COMBINES: readonly EnsembleCombine[] = ['arithmetic', 'geometric', 'mean'];

/**
 * log p with p = (1/k)·Σᵢ softmax(zᵢ) ('arithmetic'), or p = softmax((1/k)·Σᵢ log softmax(zᵢ))
 * ('geometric': the normalized geometric mean), where zᵢ is member i's output for the same input;
 * with 'mean', (1/k)·Σᵢ zᵢ. The members may differ in architecture but must agree in output shape.
 *
 * For classification the ensemble outputs log-probabilities, not probabilities: softmax(log p) = p,
 * so it stands wherever logits do — `softmaxCrossEntropy` gives −log p of the right class, argmax and
 * accuracy are unchanged, and `softmax(predict(ens, x))` gives the probabilities.
 *
 * It is itself a layer: kind 'ensemble', config { combine, members: [{ kind, config }, …] } and
 * params the array of its members' params (the same objects), so predict, evaluate, save and load
 * work on it, and fit would train all members at once. Each member gets the same forward context.
 * @see Hinton et al. (2012), Neural Networks for Machine Learning, lecture 10: combining models.
 * @see Hansen & Salamon (1990), "Neural network ensembles".
 */
export function ensemble<const M extends readonly Layer[]>(models: M, { combine = 'arithmetic' }: EnsembleOptions = {}): EnsembleLayer<M> {
  const op = 'ensemble';
  if (!Array.isArray(models) || models.length === 0) {
    throw new ValueError(op, `expected a non-empty array of member layers, got ${Array.isArray(models) ? 'an empty array' : typeof models}`);
  }
  models.forEach((m: Layer, i) => {
    if (typeof m !== 'object' || m === null || typeof m.forward !== 'function' || typeof m.kind !== 'string' || m.params === undefined) {
      throw new ValueError(op, `member ${i} is not a layer { kind, config, params, forward }`);
    }
  });
  if (!COMBINES.includes(combine)) throw new ValueError(op, `combine must be 'arithmetic', 'geometric' or 'mean', got ${JSON.stringify(combine)}`);
  const k = models.length;
  return {
    kind: 'ensemble',
    config: { combine, members: models.map((m: Layer) => ({ kind: m.kind, config: m.config })) },
    params: models.map((m: Layer) => m.params),
    members: models,
    combine,
    forward(x, ctx) {
      const outputs = memberOutputs(op, models, x, ctx);
      if (combine === 'mean') return mean(stack(outputs, 0), 0);
      const logProbabilities = stack(outputs.map((z) => logSoftmax(z, -1)), 0);
      if (combine === 'geometric') return logSoftmax(mean(logProbabilities, 0), -1);
      // NOTE: log((1/k)·Σ exp(log pᵢ)) by logSumExp: no underflow for confident members.
      return sub(logSumExp(logProbabilities, 0), Math.log(k));
    },
  };
}

/** Every member's output for `x`, checked to agree in shape. */
export function memberOutputs(op: string, members: readonly Layer[], x: Tensor, ctx?: Parameters<Layer['forward']>[1]): Tensor[] {
  const outputs = members.map((m) => m.forward(x, ctx));
  const shape = outputs[0].shape;
  outputs.forEach((o, i) => {
    if (o.shape.length !== shape.length || o.shape.some((d, j) => d !== shape[j])) {
      throw new ShapeError(op, `members' outputs differ in shape: member 0 (${members[0].kind}) gives ${formatShape(shape)}, member ${i} (${members[i].kind}) gives ${formatShape(o.shape)}`);
    }
  });
  return outputs;
}

/**
 * Rebuilds an ensemble from its config for `buildLayer` (the builder @nn/core registers under the kind
 * 'ensemble', next to @nn/layers' own): each member from its description, with fresh weights that
 * loading then replaces.
 */
export function ensembleBuilder(
  config: { readonly [key: string]: Json },
  _rng: Rng | undefined,
  { build }: { build(description: { readonly kind: string; readonly config: { readonly [key: string]: Json } }): Layer },
): Layer {
  const { combine, members, ...rest } = config;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new ValueError('ensemble', `unknown option '${unknown[0]}'; it takes 'combine', 'members'`);
  if (!Array.isArray(members)) throw new ValueError('ensemble', `expected config.members to be a list of descriptions, got ${JSON.stringify(members)}`);
  return ensemble(
    members.map((d) => build(d as { readonly kind: string; readonly config: { readonly [key: string]: Json } })),
    { combine: (combine ?? 'arithmetic') as EnsembleCombine },
  );
}
