import type { Kernel } from '../backend';
import { type TypedArray, allocate } from '../../dtype';

/**
 * y[r, l] = r·P + windows[l, t*] for x [R, P] and int32 windows [L, T]: t* is the first t at which
 * x[r, windows[l, t]] is largest, NaN counting as larger than everything (the first NaN wins), 0 when
 * all are −∞ — argmax over the gathered windows, as `argmax(gather(x, windows, 1), -1)` finds it, but
 * as positions in x flattened and without the gathered copy. int32 [R, L].
 */
export const gatherArgmaxKernel: Kernel<'gatherArgmax'> = ([x, windows], _attrs, out) => {
  const xd = x.data as TypedArray;
  const wd = windows.data as Int32Array;
  const [rows, plane] = x.shape;
  const [count, taps] = windows.shape;
  const y = allocate(out.dtype, rows * count) as Int32Array;
  for (let r = 0, at = 0; r < rows; r++) {
    const base = r * plane;
    for (let l = 0; l < count; l++, at++) {
      let best = -Infinity;
      let pick = wd[l * taps];
      for (let t = 0; t < taps; t++) {
        const position = wd[l * taps + t];
        const v = xd[base + position];
        if (v > best || (v !== v && best === best)) {
          best = v;
          pick = position;
          if (v !== v) break;
        }
      }
      y[at] = base + pick;
    }
  }
  return y;
};
