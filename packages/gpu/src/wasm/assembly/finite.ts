/**
 * Whether every element of x is finite (no NaN, no ±∞): `allFiniteF32` / `allFiniteF64` return 1 or 0.
 * x − x is +0 for a finite x and NaN otherwise, and NaN survives every addition, so the lanes of
 * Σ (x − x) are all 0 exactly when x is finite: one subtraction and one addition a vector, no branch.
 * What a training loop asks of every update before it applies it (`isAllFinite` of @nn/tensor).
 */

export function allFiniteF32(n: i32, x: usize): i32 {
  return allFiniteOf<f32>(n, x);
}

export function allFiniteF64(n: i32, x: usize): i32 {
  return allFiniteOf<f64>(n, x);
}

/** `allFiniteF32` / `F64`: whole vectors, then the last elements one by one; T is a constant where inlined. */
// @ts-ignore: decorator
@inline function allFiniteOf<T>(n: i32, x: usize): i32 {
  const shift: usize = sizeof<T>() == 4 ? 2 : 3;
  const lanes = sizeof<T>() == 4 ? 4 : 2;
  let acc = v128.splat<T>(0);
  const whole = n & ~(lanes - 1);
  let i = 0;
  for (; i < whole; i += lanes) {
    const v = v128.load(x + (<usize>i << shift));
    acc = v128.add<T>(acc, v128.sub<T>(v, v));
  }
  let rest: T = 0;
  for (; i < n; i++) {
    const v = load<T>(x + (<usize>i << shift));
    rest += v - v;
  }
  if (sizeof<T>() == 4) {
    return i32(f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3) + <f32>rest == 0);
  }
  return i32(f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1) + <f64>rest == 0);
}
