import type { Backend } from '../backend';
import { type TypedArray, isSharedView } from '../../dtype';
import { binaryKernels, unaryKernels, whereKernel } from './elementwise';
import {
  broadcastToKernel, castKernel, concatKernel, gatherKernel, identityKernel, padKernel, permuteKernel,
  reshapeKernel, scatterAddKernel, sliceKernel,
} from './layout';
import { gatherArgmaxKernel } from './gather-argmax';
import { gatherMatmulKernel } from './gather-matmul';
import { gatherMatmulGradAKernel } from './gather-matmul-grad-a';
import { matmulKernel } from './matmul';
import { argmaxKernel, argminKernel, maxKernel, minKernel, sumKernel } from './reduce';

/**
 * The reference backend: plain TypeScript over contiguous typed arrays, storage = the array itself.
 * Every accelerated backend is tested for parity against it.
 */
export const cpuBackend: Backend = {
  name: 'cpu',
  hostStorage: true,
  kernels: {
    ...unaryKernels,
    ...binaryKernels,
    where: whereKernel,
    sum: sumKernel,
    max: maxKernel,
    min: minKernel,
    argmax: argmaxKernel,
    argmin: argminKernel,
    gatherArgmax: gatherArgmaxKernel,
    matmul: matmulKernel,
    gatherMatmul: gatherMatmulKernel,
    gatherMatmulGradA: gatherMatmulGradAKernel,
    reshape: reshapeKernel,
    permute: permuteKernel,
    broadcastTo: broadcastToKernel,
    slice: sliceKernel,
    concat: concatKernel,
    pad: padKernel,
    gather: gatherKernel,
    scatterAdd: scatterAddKernel,
    cast: castKernel,
    identity: identityKernel,
  },
  upload: (values) => values,
  // NOTE: a small array that is a view of a shared slab (see `allocate`) is copied, so that what the
  // caller gets holds only its own elements (`new Uint8Array(t.dataSync().buffer)` stays right).
  download: (data) => (isSharedView(data as TypedArray) ? (data as TypedArray).slice() : (data as TypedArray)),
};
