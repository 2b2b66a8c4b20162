import { type Kernel, sizeOf } from '@nn/tensor';
import type { Arena } from './arena';
import { abort } from './elementwise';
import type { KernelExports } from './kernels-module';

/**
 * argmax / argmin along one axis of a float32 / float64 tensor of `minSize` elements or more, on the
 * wasm scan (assembly/arg-extremum.ts): the same comparisons in the same order as the CPU kernel (the
 * first of tied values, the first NaN), so the int32 indices are its own. A max-pooling's winners in
 * training (the argmax of each window) are its main use: 7.8× the JS loop on LeNet-5's S2 windows at
 * batch 32 ([192, 196, 4]), 2.4× on S4's ([512, 25, 4]) (interleaved, medians, kernel calls alone).
 */
export function wasmArgExtremumKernel<P extends 'argmax' | 'argmin'>(op: P, wasm: KernelExports, arena: Arena, fallback: Kernel<P>, minSize: number): Kernel<P> {
  const sign = op === 'argmax' ? 1 : -1;
  return (inputs, attrs, out) => {
    const [x] = inputs;
    const { axis } = attrs;
    const dim = x.shape[axis];
    const total = sizeOf(x.shape);
    if ((x.dtype !== 'float32' && x.dtype !== 'float64') || dim === 0 || total === 0 || total < minSize) return fallback(inputs, attrs, out);
    let inner = 1;
    for (let i = axis + 1; i < x.shape.length; i++) inner *= x.shape[i];
    const outer = total / (dim * inner);
    const call = arena.begin();
    const xPtr = call.input(x.data);
    const yPtr = call.output(outer * inner, 'int32');
    if (!call.ok) return abort(call, () => fallback(inputs, attrs, out));
    (x.dtype === 'float32' ? wasm.argExtremumF32 : wasm.argExtremumF64)(sign, outer, dim, inner, xPtr, yPtr);
    return call.finish();
  };
}
