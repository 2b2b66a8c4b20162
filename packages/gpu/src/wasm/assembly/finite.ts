/**
 * Whether every element of x is finite (no NaN, no ±∞): `allFiniteF32` / `allFiniteF64` return 1 or 0.
 * x − x is +0 for a finite x and NaN otherwise, and NaN survives every addition, so the lanes of
 * Σ (x − x) are all 0 exactly when x is finite: one subtraction and one addition a vector, no branch.
 * What a training loop asks of every update before it applies it (`isAllFinite` of @nn/tensor).
 */

export function allFiniteF32(n: i32, x: usize): i32 {
  let acc = f32x4.splat(0);
  const whole = n & ~3;
  let i = 0;
  for (; i < whole; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    acc = f32x4.add(acc, f32x4.sub(v, v));
  }
  let rest: f32 = 0;
  for (; i < n; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    rest += v - v;
  }
  return i32(f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3) + rest == 0);
}

export function allFiniteF64(n: i32, x: usize): i32 {
  let acc = f64x2.splat(0);
  const whole = n & ~1;
  let i = 0;
  for (; i < whole; i += 2) {
    const v = v128.load(x + (<usize>i << 3));
    acc = f64x2.add(acc, f64x2.sub(v, v));
  }
  let rest: f64 = 0;
  if (i < n) {
    const v = load<f64>(x + (<usize>i << 3));
    rest = v - v;
  }
  return i32(f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1) + rest == 0);
}
