import { uniform } from './search-space';

/**
 * Branin–Hoo on x₁ ∈ [−5, 10], x₂ ∈ [0, 15]:
 * f = (x₂ − 5.1x₁²/(4π²) + 5x₁/π − 6)² + 10(1 − 1/(8π)) cos x₁ + 10; minimum 0.397887 at three points.
 * @see S. Surjanovic, D. Bingham, Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/branin.html
 */
export function branin({ x1, x2 }: { x1: number; x2: number }): number {
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
}
export const braninSpace = { x1: uniform(-5, 10), x2: uniform(0, 15) };
export const BRANIN_MIN = 0.397887;

const ALPHA = [1.0, 1.2, 3.0, 3.2];
const A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const P = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
].map((row) => row.map((v) => v * 1e-4));

/**
 * Hartmann-6 on [0, 1]⁶: f = −Σᵢ αᵢ exp(−Σⱼ Aᵢⱼ (xⱼ − Pᵢⱼ)²); minimum −3.32237.
 * @see S. Surjanovic, D. Bingham, Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/hart6.html
 */
export function hartmann6(x: { x1: number; x2: number; x3: number; x4: number; x5: number; x6: number }): number {
  const v = [x.x1, x.x2, x.x3, x.x4, x.x5, x.x6];
  let f = 0;
  for (let i = 0; i < 4; i++) {
    let s = 0;
    for (let j = 0; j < 6; j++) s += A[i][j] * (v[j] - P[i][j]) ** 2;
    f -= ALPHA[i] * Math.exp(-s);
  }
  return f;
}
export const hartmann6Space = {
  x1: uniform(0, 1), x2: uniform(0, 1), x3: uniform(0, 1), x4: uniform(0, 1), x5: uniform(0, 1), x6: uniform(0, 1),
};
export const HARTMANN6_MIN = -3.32237;
