import { ShapeError, ValueError, formatShape } from '@nn/tensor';

/** One integer for both spatial axes, or [along H, along W]. */
export type IntOrPair = number | readonly [number, number];

/** Zeros added on each side: one integer, [ph, pw], 'valid' (none) or 'same' (see `conv2d`). */
export type Padding = IntOrPair | 'same' | 'valid';

/** n or [a, b] as [a, b]; anything but integers ≥ `min` is refused with a ValueError naming `op` and `name`. */
export function toPair(op: string, name: string, value: unknown, min: 0 | 1): [number, number] {
  const ok = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= min;
  if (ok(value)) return [value, value];
  if (Array.isArray(value) && value.length === 2 && ok(value[0]) && ok(value[1])) return [value[0], value[1]];
  const kind = min === 1 ? 'a positive integer' : 'a non-negative integer';
  throw new ValueError(op, `${name} must be ${kind} or a pair of them, got ${JSON.stringify(value) ?? String(value)}`);
}

/**
 * The output length of a convolution or pooling along one axis:
 * floor((size + 2·padding − dilation·(kernelSize − 1) − 1) / stride) + 1 (PyTorch's formula; floor mode).
 */
export function convOutputSize(
  size: number,
  kernelSize: number,
  { stride = 1, padding = 0, dilation = 1 }: { readonly stride?: number; readonly padding?: number; readonly dilation?: number } = {},
): number {
  return Math.floor((size + 2 * padding - dilation * (kernelSize - 1) - 1) / stride) + 1;
}

/** Where the windows of a conv2d or pool lie on an [N, C, H, W] input. */
export interface WindowGeometry {
  readonly n: number;
  readonly c: number;
  readonly h: number;
  readonly w: number;
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  readonly dh: number;
  readonly dw: number;
  /** Zeros (or −∞) added [top, bottom], [left, right]. */
  readonly padH: readonly [number, number];
  readonly padW: readonly [number, number];
  /** The padded input's height and width. */
  readonly hp: number;
  readonly wp: number;
  /** The output's height and width. */
  readonly ho: number;
  readonly wo: number;
}

/**
 * Resolves the options of a windowed op on `shape` = [N, C, H, W] into a WindowGeometry, refusing
 * non-positive strides and dilations, negative paddings, and kernels that do not fit the padded input
 * (the message shows `shownShape`, the caller's own input shape, when given).
 */
export function windowGeometry(
  op: string,
  shape: readonly number[],
  kernel: readonly [number, number],
  { stride, padding, dilation }: { readonly stride: unknown; readonly padding: unknown; readonly dilation: unknown },
  shownShape: readonly number[] = shape,
): WindowGeometry {
  const [n, c, h, w] = shape;
  const [kh, kw] = kernel;
  const [sh, sw] = toPair(op, 'stride', stride, 1);
  const [dh, dw] = toPair(op, 'dilation', dilation, 1);
  const spanH = dh * (kh - 1) + 1;
  const spanW = dw * (kw - 1) + 1;
  let padH: [number, number];
  let padW: [number, number];
  if (padding === 'valid') {
    padH = [0, 0];
    padW = [0, 0];
  } else if (padding === 'same') {
    // Output ceil(size / stride), the padding split evenly with any odd one out at the bottom / right (TensorFlow's rule).
    const split = (size: number, s: number, span: number): [number, number] => {
      const total = Math.max((Math.ceil(size / s) - 1) * s + span - size, 0);
      return [Math.floor(total / 2), total - Math.floor(total / 2)];
    };
    padH = split(h, sh, spanH);
    padW = split(w, sw, spanW);
  } else {
    assertPadding(op, padding);
    const [ph, pw] = toPair(op, 'padding', padding, 0);
    padH = [ph, ph];
    padW = [pw, pw];
  }
  const hp = h + padH[0] + padH[1];
  const wp = w + padW[0] + padW[1];
  if (spanH > hp || spanW > wp) {
    const dilated = dh === 1 && dw === 1 ? '' : ` (${spanH}×${spanW} with dilation ${dh === dw ? dh : formatShape([dh, dw])})`;
    throw new ShapeError(
      op,
      `kernel ${kh}×${kw}${dilated} is larger than the padded input ${hp}×${wp} (input ${formatShape(shownShape)}, padding ${JSON.stringify(padding)})`,
    );
  }
  const ho = Math.floor((hp - spanH) / sh) + 1;
  const wo = Math.floor((wp - spanW) / sw) + 1;
  return { n, c, h, w, kh, kw, sh, sw, dh, dw, padH, padW, hp, wp, ho, wo };
}

/** The geometry's own fields as a cache key (N excluded: the indices do not depend on it). */
export function geometryKey(g: WindowGeometry): string {
  // NOTE: a template, not [...].join(','): this runs for every convolution and pooling call (1 % of a LeNet-5 step in a profile).
  return `${g.c},${g.hp},${g.wp},${g.kh},${g.kw},${g.sh},${g.sw},${g.dh},${g.dw}`;
}

/** Throws unless `padding` is one `windowGeometry` accepts: an integer ≥ 0, a pair of them, 'same' or 'valid'. */
export function assertPadding(op: string, padding: unknown): asserts padding is Padding {
  if (padding === 'same' || padding === 'valid') return;
  if (typeof padding === 'string') {
    throw new ValueError(op, `padding must be a non-negative integer, a pair of them, 'same' or 'valid', got '${padding}'`);
  }
  toPair(op, 'padding', padding, 0);
}

/** A pair option as it goes into a JSON config: the number, or a fresh [a, b]. */
export function pairJson(value: IntOrPair): number | [number, number] {
  return typeof value === 'number' ? value : [value[0], value[1]];
}
