import type { Kernel, Primitive, TypedArray } from '@nn/tensor';
import { isResident } from './arena';

/**
 * `kernel` (a CPU kernel, plain loops over host arrays) made to take results that stay in wasm memory:
 * it reads them through views of that memory. A result that is one of those views (reshape, identity:
 * the input itself) is given back as the resident input it views, so that it shares the input's block
 * and its lifetime; any other result is a host array of the kernel's own.
 */
export function onHostViews<P extends Primitive>(kernel: Kernel<P>): Kernel<P> {
  return (inputs, attrs, out) => {
    if (!inputs.some((input) => isResident(input.data))) return kernel(inputs, attrs, out);
    const views = inputs.map((input) => (isResident(input.data) ? input.data.view() : undefined));
    const y = kernel(inputs.map((input, i) => (views[i] === undefined ? input : { ...input, data: views[i] })), attrs, out);
    const alias = views.indexOf(y as TypedArray);
    if (alias >= 0) return inputs[alias].data;
    // NOTE: no CPU kernel returns part of an input as a view, but should one, it must not keep wasm memory.
    if (ArrayBuffer.isView(y) && views.some((v) => v !== undefined && v.buffer === y.buffer)) return (y as TypedArray).slice();
    return y;
  };
}
