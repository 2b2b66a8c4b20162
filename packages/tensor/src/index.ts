// Tensors
export { Tensor, isTensor } from './tensor';
export type { NestedArray } from './tensor';
export type { DType, FloatDType, TypedArray } from './dtype';
export type { Shape } from './shape';
export { broadcastShapes, sizeOf } from './shape';
export { NnError, ShapeError, DTypeError, ValueError, DisposedError, formatShape } from './errors';

// Construction
export { tensor, scalar, full, zeros, ones, zerosLike, onesLike, fullLike, arange, eye, fromTypedArray } from './ops/creation';
export type { TensorValues } from './ops/creation';
export { randn, randu, randint } from './ops/random';
export type { RandomOptions } from './ops/random';
export { createRng } from './random/rng';
export type { Rng, RngState } from './random/rng';
export { drawStreamKey, keyedBits, fillKeyedMask, fillKeyedNormal, maskThreshold } from './random/keyed-stream';
export { addKeyedNormal } from './random/add-keyed-normal';
export { mulKeyedMask } from './random/mul-keyed-mask';
export { addNormScaledNormal, fillNormScaledNormal, fillNormScaledNormalGrad } from './random/add-norm-scaled-normal';
export type { StreamKey } from './random/keyed-stream';

// Elementwise
export { neg, exp, log, sqrt, abs, sign, tanh, sigmoid, relu, softplus, square } from './ops/unary';
export { add, sub, mul, div, pow, maximum, minimum, greater, greaterEqual, less, lessEqual, equal, notEqual } from './ops/binary';
export { where } from './ops/where';
export { clip } from './ops/clip';
export { cast } from './ops/cast';
export type { TensorLike } from './ops/convert';

// Reductions
export { sum, max, min, argmax, argmin } from './ops/reduce';
export type { Axes } from './ops/reduce';
export { mean } from './ops/mean';
export { logSumExp } from './ops/log-sum-exp';
export { softmax } from './ops/softmax';
export { logSoftmax } from './ops/log-softmax';

// Linear algebra and layout
export { matmul } from './ops/matmul';
export type { MatmulOptions } from './ops/matmul';
export { reshape, squeeze, expandDims } from './ops/reshape';
export { transpose, permute } from './ops/permute';
export { broadcastTo } from './ops/broadcast-to';
export { sumToShape } from './ops/sum-to-shape';
export { slice } from './ops/slice';
export { concat } from './ops/concat';
export { stack } from './ops/stack';
export { unstack } from './ops/unstack';
export { pad } from './ops/pad';
export { gather, take } from './ops/gather';
export { gatherArgmax } from './ops/gather-argmax';
export { gatherMatmul } from './ops/gather-matmul';
export { gatherMatmulGradA } from './ops/gather-matmul-grad-a';
export { oneHot } from './ops/one-hot';
export type { IndicesLike } from './ops/indices';

// Dense linear algebra (not differentiable)
export { cholesky, solveTriangular, solve, inv, det, slogdet, eigh, svd } from './linalg/tensor-api';
export { LinalgError } from './linalg/errors';
export type { SolveTriangularOptions, SlogdetResult } from './linalg/index';

// Autodiff
export { valueAndGrad, grad } from './autodiff/grad';
export type { ValueAndGrad } from './autodiff/grad';
export { isTraced, noGrad } from './autodiff/tape';
export { replayable } from './autodiff/replayable';
export type { Replayable, ReplayableOptions } from './autodiff/replayable';
export type { StepLoop, TensorTree } from './autodiff/recorded-step';
export { isRecordingStep, traceHostOp } from './autodiff/trace';
export type { HostFn } from './autodiff/trace';
export { stopGradient } from './ops/stop-gradient';
export { stage } from './ops/stage';
export { isAllFinite } from './ops/is-all-finite';

// Memory: explicit lifetimes
export { tidy, dispose, keep, isInsideTidy, forEachTensor } from './memory/tidy';

// Shared spec types (every package implements these structurally)
export type { Params } from './spec/params';
export type { Json } from './spec/json';
export type { Layer, ForwardContext } from './spec/layer';
export type { GradientTransformation, UpdateContext, Schedule } from './spec/optimizer';
export type { Loss } from './spec/loss';
export type { BatchLogs, EpochLogs, FitControl, History, TrainBeginInfo, TrainingCallback } from './spec/callback';

// Params trees
export { treeLeaves, mapTree, assertSameTree, assignLeaves } from './tree';

// Backends
export type { Backend, Kernel, KernelInput, KernelOutput } from './backend/backend';
export type { FusedKernels, FusedAdamScalars, FusedRmsScalars } from './backend/fused-kernels';
export type { Primitive, PrimitiveAttrs, UnaryPrimitive, BinaryPrimitive, ComparePrimitive } from './backend/primitives';
export { unaryPrimitives, binaryPrimitives, comparePrimitives } from './backend/primitives';
export { stridesOf } from './shape';
export { broadcastStrides, planRows } from './backend/cpu/broadcast';
export { windowPair } from './backend/cpu/reduce';
export type { RowPlan } from './backend/cpu/broadcast';
export { setBackend, getBackend } from './backend/registry';
export { cpuBackend } from './backend/cpu/cpu-backend';
export { createStoragePool } from './backend/storage-pool';
export type { StoragePool } from './backend/storage-pool';
export { flattenParams, unflattenParams } from './flatten-params';
