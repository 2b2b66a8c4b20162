import { type Tensor, createRng, mul, randn, sum, tensor, transpose, valueAndGrad, add, reshape, slice } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { gru } from './gru';
import { lstm } from './lstm';

// Plain-loop references written from the papers' equations in PyTorch's layout (weight_ih: [G·H, F],
// weight_hh: [G·H, H], two biases b_ih and b_hh), in float64 numbers, no tensor ops. Comparing the
// layers against them checks the fused gate layout and the porting rules in the layers' docs too.

interface Torch {
  wih: Float64Array; // [G·H, F]
  whh: Float64Array; // [G·H, H]
  bih: Float64Array; // [G·H]
  bhh: Float64Array; // [G·H]
}
const sig = (v: number) => 1 / (1 + Math.exp(-v));

/** Σ_t Σ c[n,t,j]·out[n,t,j] + Σ d[n,j]·h_T[n,j] of the plain LSTM (gates i, f, g, o), padded steps keeping the state and outputting 0. */
function lstmLoss(p: Torch, x: Float64Array, mask: number[], c: Float64Array, d: Float64Array, n: number, t: number, f: number, h: number): number {
  let loss = 0;
  for (let s = 0; s < n; s++) {
    let hs = new Float64Array(h);
    let cs = new Float64Array(h);
    for (let k = 0; k < t; k++) {
      const gates = new Float64Array(4 * h);
      for (let r = 0; r < 4 * h; r++) {
        let v = p.bih[r] + p.bhh[r];
        for (let q = 0; q < f; q++) v += p.wih[r * f + q] * x[(s * t + k) * f + q];
        for (let q = 0; q < h; q++) v += p.whh[r * h + q] * hs[q];
        gates[r] = v;
      }
      const hn = new Float64Array(h);
      const cn = new Float64Array(h);
      for (let j = 0; j < h; j++) {
        const i = sig(gates[j]), fg = sig(gates[h + j]), g = Math.tanh(gates[2 * h + j]), o = sig(gates[3 * h + j]);
        cn[j] = fg * cs[j] + i * g; // Gers et al. 2000, eq. (forget gate)
        hn[j] = o * Math.tanh(cn[j]);
      }
      if (mask[s * t + k] === 1) {
        hs = hn;
        cs = cn;
        for (let j = 0; j < h; j++) loss += c[(s * t + k) * h + j] * hn[j];
      }
    }
    for (let j = 0; j < h; j++) loss += d[s * h + j] * hs[j];
  }
  return loss;
}

/** The same loss for PyTorch's GRU (gates r, z, n; n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)); h' = (1 − z) n + z h). */
function gruLoss(p: Torch, x: Float64Array, mask: number[], c: Float64Array, d: Float64Array, n: number, t: number, f: number, h: number): number {
  let loss = 0;
  for (let s = 0; s < n; s++) {
    let hs = new Float64Array(h);
    for (let k = 0; k < t; k++) {
      const gi = new Float64Array(3 * h);
      const gh = new Float64Array(3 * h);
      for (let r = 0; r < 3 * h; r++) {
        let a = p.bih[r];
        for (let q = 0; q < f; q++) a += p.wih[r * f + q] * x[(s * t + k) * f + q];
        let b = p.bhh[r];
        for (let q = 0; q < h; q++) b += p.whh[r * h + q] * hs[q];
        gi[r] = a;
        gh[r] = b;
      }
      const hn = new Float64Array(h);
      for (let j = 0; j < h; j++) {
        const r = sig(gi[j] + gh[j]), z = sig(gi[h + j] + gh[h + j]);
        const cand = Math.tanh(gi[2 * h + j] + r * gh[2 * h + j]);
        hn[j] = (1 - z) * cand + z * hs[j];
      }
      if (mask[s * t + k] === 1) {
        hs = hn;
        for (let j = 0; j < h; j++) loss += c[(s * t + k) * h + j] * hn[j];
      }
    }
    for (let j = 0; j < h; j++) loss += d[s * h + j] * hs[j];
  }
  return loss;
}

/** ∂loss/∂v for every entry of each array, by central differences of the plain loop. */
function numericGrads(loss: () => number, arrays: Float64Array[], eps = 1e-6): Float64Array[] {
  return arrays.map((a) => {
    const g = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      a[i] = v + eps;
      const up = loss();
      a[i] = v - eps;
      const down = loss();
      a[i] = v;
      g[i] = (up - down) / (2 * eps);
    }
    return g;
  });
}

const N = 2, T = 4, F = 3, H = 2;
const MASK = [1, 1, 1, 0, /* second sequence: 2 steps */ 1, 1, 0, 0];

function setup(gates: number, seed: number) {
  const rng = createRng(seed);
  const draw = (len: number) => Float64Array.from(randn([len], { rng, dtype: 'float64' }).dataSync(), (v) => 0.5 * v);
  const torch: Torch = { wih: draw(gates * H * F), whh: draw(gates * H * H), bih: draw(gates * H), bhh: draw(gates * H) };
  return { torch, x: draw(N * T * F), c: draw(N * T * H), d: draw(N * H) };
}
const t64 = (a: Float64Array, shape: number[]) => tensor(Array.from(a), shape, 'float64');
const T64 = (a: Float64Array, rows: number, cols: number) => transpose(t64(a, [rows, cols]));

/** The layer's loss: Σ c ⊙ (its output sequence) + Σ d ⊙ (its final h), computed by a returnSequences layer and forwardWithState. */
function layerLoss(run: (x: Tensor) => { output: Tensor; state: { h: Tensor } }, x: Tensor, c: Float64Array, d: Float64Array) {
  const { output, state } = run(x);
  return add(sum(mul(output, t64(c, [N, T, H]))), sum(mul(state.h, t64(d, [N, H]))));
}

describe('lstm against a plain-loop reference', () => {
  it('gives the same loss and the same gradients in every weight and the input, with PyTorch weights ported as documented', () => {
    const { torch, x, c, d } = setup(4, 11);
    const layer = lstm(F, H, { returnSequences: true, dtype: 'float64', forgetBias: 0 });
    layer.params.w = T64(torch.wih, 4 * H, F); // W = weight_ihᵀ
    layer.params.u = T64(torch.whh, 4 * H, H); // U = weight_hhᵀ
    layer.params.b = add(t64(torch.bih, [4 * H]), t64(torch.bhh, [4 * H])); // b = b_ih + b_hh
    const mask = tensor(MASK, [N, T], 'float64');
    const { value, grads } = valueAndGrad(
      ({ w, u, b, x }) => {
        Object.assign(layer.params, { w, u, b });
        return layerLoss((xx) => layer.forwardWithState(xx, { mask }), x, c, d);
      },
      { ...layer.params, x: t64(x, [N, T, F]) },
    );
    const ref = () => lstmLoss(torch, x, MASK, c, d, N, T, F, H);
    expect(value.item()).toBeCloseTo(ref(), 12);
    const [gwih, gwhh, gbih, gbhh, gx] = numericGrads(ref, [torch.wih, torch.whh, torch.bih, torch.bhh, x]);
    expect(grads.w).toBeAllClose(T64(gwih, 4 * H, F), { rtol: 1e-6, atol: 1e-8 });
    expect(grads.u).toBeAllClose(T64(gwhh, 4 * H, H), { rtol: 1e-6, atol: 1e-8 });
    expect(grads.b).toBeAllClose(t64(gbih, [4 * H]), { rtol: 1e-6, atol: 1e-8 }); // ∂/∂b = ∂/∂b_ih = ∂/∂b_hh
    expect(t64(gbih, [4 * H])).toBeAllClose(t64(gbhh, [4 * H]), { rtol: 1e-6, atol: 1e-8 });
    expect(grads.x).toBeAllClose(t64(gx, [N, T, F]), { rtol: 1e-6, atol: 1e-8 });
    // the padded steps of x get no gradient: sequence 0 step 3, sequence 1 steps 2 and 3
    expect(reshape(slice(grads.x, [1, 2, 0], [1, 2, F]), [2 * F])).toBeAllClose(new Array(2 * F).fill(0), { atol: 0 });
  });
});

describe('gru against a plain-loop reference', () => {
  it('gives the same loss and the same gradients in every weight and the input, with PyTorch weights ported as documented', () => {
    const { torch, x, c, d } = setup(3, 12);
    const layer = gru(F, H, { returnSequences: true, dtype: 'float64' });
    layer.params.w = T64(torch.wih, 3 * H, F);
    layer.params.u = T64(torch.whh, 3 * H, H);
    // b = b_ih + [b_hh of r and z, 0]; bhn = b_hh of n
    const bhh = Array.from(torch.bhh);
    layer.params.b = tensor(Array.from(torch.bih, (v, i) => v + (i < 2 * H ? bhh[i] : 0)), [3 * H], 'float64');
    layer.params.bhn = tensor(bhh.slice(2 * H), [H], 'float64');
    const mask = tensor(MASK, [N, T], 'float64');
    const { value, grads } = valueAndGrad(
      ({ w, u, b, bhn, x }) => {
        Object.assign(layer.params, { w, u, b, bhn });
        return layerLoss((xx) => layer.forwardWithState(xx, { mask }), x, c, d);
      },
      { ...layer.params, x: t64(x, [N, T, F]) },
    );
    const ref = () => gruLoss(torch, x, MASK, c, d, N, T, F, H);
    expect(value.item()).toBeCloseTo(ref(), 12);
    const [gwih, gwhh, gbih, gbhh, gx] = numericGrads(ref, [torch.wih, torch.whh, torch.bih, torch.bhh, x]);
    expect(grads.w).toBeAllClose(T64(gwih, 3 * H, F), { rtol: 1e-6, atol: 1e-8 });
    expect(grads.u).toBeAllClose(T64(gwhh, 3 * H, H), { rtol: 1e-6, atol: 1e-8 });
    expect(grads.b).toBeAllClose(t64(gbih, [3 * H]), { rtol: 1e-6, atol: 1e-8 });
    expect(grads.bhn).toBeAllClose(t64(gbhh.slice(2 * H), [H]), { rtol: 1e-6, atol: 1e-8 });
    expect(grads.x).toBeAllClose(t64(gx, [N, T, F]), { rtol: 1e-6, atol: 1e-8 });
  });
});
