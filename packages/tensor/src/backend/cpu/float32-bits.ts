/** For tests of float32 functions: the float32 whose bit pattern is `b`, and the pattern of a float32 `x`. */
const bits = new Uint32Array(1);
const asFloat = new Float32Array(bits.buffer);

export function float32(b: number): number {
  bits[0] = b;
  return asFloat[0];
}

export function patternOf(x: number): number {
  asFloat[0] = x;
  return bits[0];
}
