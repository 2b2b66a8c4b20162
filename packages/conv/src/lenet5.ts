import { DTypeError, type FloatDType, type Layer, type Rng, ShapeError, type Tensor, ValueError, add, formatShape, isTensor, matmul, randn, relu, tanh, zeros } from '@nn/tensor';
import { avgPool2dLayer } from './avg-pool2d-layer';
import { chainLayers } from './chain-layers';
import { type Conv2dParams, conv2dLayer } from './conv2d-layer';
import { flattenLayer } from './flatten-layer';
import { maxPool2dLayer } from './max-pool2d-layer';

export interface Lenet5Options {
  /** The units' nonlinearity after C1, C3, C5 and F6. Default 'relu'. */
  readonly activation?: 'relu' | 'tanh';
  /** S2 and S4: 2×2 windows at stride 2, their maximum or their mean. Default 'max'. */
  readonly pooling?: 'max' | 'avg';
  /** The generator the weights are drawn from; default: @nn/tensor's process-wide one (seeded with 0). */
  readonly rng?: Rng;
  /** Dtype of the weights, and so of the inputs it accepts. Default 'float32'. */
  readonly dtype?: FloatDType;
}

/** A dense layer's weights: w is [inFeatures, outFeatures], b is [outFeatures]. */
export type DenseWeights = { w: Tensor; b: Tensor };

/** LeNet-5's weights by layer name (S2, S4 and the activations have none). */
export type Lenet5Params = { c1: Conv2dParams; c3: Conv2dParams; c5: DenseWeights; f6: DenseWeights; output: DenseWeights };

/** The number of weights of `lenet5()`: 156 (C1) + 2,416 (C3) + 48,120 (C5) + 10,164 (F6) + 850 (output). */
export const LENET5_PARAMETER_COUNT = 61_706;

/**
 * LeNet-5 for 28×28 digits: [N, 1, 28, 28] → [N, 10] logits (softmax belongs to the loss).
 *
 *   C1  conv 6@5×5, padding 2     → [N, 6, 28, 28]   156 weights   (6·25 + 6)
 *   S2  pool 2×2, stride 2        → [N, 6, 14, 14]
 *   C3  conv 16@5×5               → [N, 16, 10, 10]  2,416         (16·6·25 + 16)
 *   S4  pool 2×2, stride 2        → [N, 16, 5, 5]
 *   C5  dense 400 → 120           → [N, 120]         48,120        (400·120 + 120)
 *   F6  dense 120 → 84            → [N, 84]          10,164
 *   out dense 84 → 10             → [N, 10]          850           61,706 in all
 *
 * with `activation` after C1, C3, C5 and F6. C5 is a dense layer on the flattened S4 maps: on a 5×5
 * input a 5×5 convolution with 120 maps is exactly that, weight for weight, and the matmul is cheaper.
 * Weights start LeCun-normal by fan-in (σ = 1/√fan-in), biases at 0.
 *
 * Differences from the 1998 network: the 28×28 image padded by 2 stands for its 32×32 input; plain
 * ReLU or tanh, not the scaled 1.7159·tanh(2a/3); S2/S4 take the max or mean, without the trainable
 * coefficient and bias per map and the squashing of its subsampling; C3 connects every map to all 6
 * S2 maps, not through the partial table (1,516 weights there); the outputs are 10 linear logits for a
 * softmax cross-entropy, not Euclidean RBF units with fixed 7×12 bitmap codes and the MAP criterion;
 * and it is trained with whatever optimizer you choose, not stochastic diagonal Levenberg–Marquardt.
 * @see Y. LeCun, L. Bottou, Y. Bengio, P. Haffner, "Gradient-based learning applied to document recognition", Proc. IEEE 86(11), 1998
 */
export function lenet5({ activation = 'relu', pooling = 'max', rng, dtype = 'float32' }: Lenet5Options = {}): Layer<Lenet5Params> {
  const op = 'lenet5';
  if (activation !== 'relu' && activation !== 'tanh') throw new ValueError(op, `activation must be 'relu' or 'tanh', got ${JSON.stringify(activation)}`);
  if (pooling !== 'max' && pooling !== 'avg') throw new ValueError(op, `pooling must be 'max' or 'avg', got ${JSON.stringify(pooling)}`);
  if (dtype !== 'float32' && dtype !== 'float64') throw new DTypeError(op, `dtype must be 'float32' or 'float64', got ${String(dtype)}`);
  const act = activation === 'relu' ? relu : tanh;
  const pool = () => (pooling === 'max' ? maxPool2dLayer(2) : avgPool2dLayer(2));
  const c1 = conv2dLayer(1, 6, 5, { padding: 2, rng, dtype });
  const c3 = conv2dLayer(6, 16, 5, { rng, dtype });
  const c5 = dense(16 * 5 * 5, 120, rng, dtype);
  const f6 = dense(120, 84, rng, dtype);
  const output = dense(84, 10, rng, dtype);
  // NOTE: max-pooling commutes with a nondecreasing activation, max(f(a), f(b)) = f(max(a, b)) bit for
  // bit, so with 'max' S2 and S4 run first and the activation sees a quarter of the values (the same
  // network and gradients; LeNet-5 inference ~10 % faster). A mean does not commute with it.
  const features = pooling === 'max' ? [c1, pool(), act, c3, pool(), act] : [c1, act, pool(), c3, act, pool()];
  const forward = chainLayers([...features, flattenLayer(), c5, act, f6, act, output]);
  return {
    kind: 'lenet5',
    config: { activation, pooling, dtype },
    // NOTE: the children's own params objects, so replacing a leaf here (applyUpdates, load) changes them.
    params: { c1: c1.params, c3: c3.params, c5: c5.params, f6: f6.params, output: output.params },
    forward(x, ctx) {
      if (isTensor(x) && (x.rank !== 4 || x.shape[1] !== 1 || x.shape[2] !== 28 || x.shape[3] !== 28)) {
        throw new ShapeError(op, `expected input of shape [N,1,28,28], got ${formatShape(x.shape)}`);
      }
      return forward(x, ctx);
    },
  };
}

/** y = x·W + b with W LeCun-normal: the one dense layer LeNet needs (@nn/conv does not depend on @nn/layers). */
function dense(inFeatures: number, outFeatures: number, rng: Rng | undefined, dtype: FloatDType): { params: DenseWeights; forward(x: Tensor): Tensor } {
  const params = { w: randn([inFeatures, outFeatures], { rng, dtype, std: 1 / Math.sqrt(inFeatures) }), b: zeros([outFeatures], dtype) };
  return { params, forward: (x) => add(matmul(x, params.w), params.b) };
}
