import { cafeteriaBills, createRng, mul, reshape, slice, square, sub, sum, tensor, valueAndGrad, type Tensor } from '@nn/core';

export interface CafeteriaOptions {
  /** The true prices of coffee, juice and toast, which the neuron must discover. */
  readonly prices?: readonly number[];
  /** The neuron's starting guess for every price. */
  readonly initialGuess?: number;
  /** The course's learning rate ε for the delta rule. */
  readonly learningRate?: number;
  readonly weeks?: number;
  readonly seed?: number;
  /** Called after every week with the current guesses and that week's residual t − y. */
  readonly onWeek?: (week: number, guesses: number[], residual: number) => void;
}

export interface CafeteriaResult {
  readonly guesses: number[];
  /** |t − y| of the last week's bill before its update. */
  readonly finalResidual: number;
}

/**
 * The course's cafeteria problem: a linear neuron y = Σ wᵢxᵢ learns the price wᵢ of each item from
 * weekly bill totals t for portions x, by the online delta rule Δw = ε·(t − y)·x, the gradient step on
 * E = ½(t − y)². Portions are drawn from 1…4 so that ε·‖x‖² < 2 and every step shrinks the error.
 * @see Widrow & Hoff (1960), Adaptive switching circuits; Hinton, Neural Networks for Machine Learning, lecture 3a.
 */
export function learnCafeteriaPrices({
  prices = [0.5, 1.5, 1.0],
  initialGuess = 0.5,
  learningRate = 1 / 35,
  weeks = 500,
  seed = 1,
  onWeek,
}: CafeteriaOptions = {}): CafeteriaResult {
  // one bill a week: portions of 1…4 of each item and the total at the true prices (@nn/data)
  const bills = cafeteriaBills({ samples: weeks, prices, maxPortion: 4, rng: createRng(seed), dtype: 'float64' });
  const params = { w: tensor(prices.map(() => initialGuess), [prices.length], 'float64') };
  let residual = Infinity;
  for (let week = 1; week <= weeks; week++) {
    const portions = reshape(slice(bills.x, [week - 1, 0], [1, prices.length]), [prices.length]);
    const bill = bills.y.dataSync()[week - 1];
    const { value, grads } = valueAndGrad((p) => mul(square(sub(bill, sum(mul(p.w, portions)))), 0.5), params);
    residual = Math.sqrt(2 * value.item());
    params.w = sub(params.w, mul(grads.w, learningRate));
    onWeek?.(week, toNumbers(params.w), residual);
  }
  return { guesses: toNumbers(params.w), finalResidual: residual };
}

/** One delta-rule step from the course slide: portions 5/2/3, true total 8.50, guesses 0.50 each. */
export function cafeteriaFirstStep(learningRate = 1 / 35): number[] {
  const portions = tensor([5, 2, 3], [3], 'float64');
  const params = { w: tensor([0.5, 0.5, 0.5], [3], 'float64') };
  const bill = 8.5;
  const { grads } = valueAndGrad((p) => mul(square(sub(bill, sum(mul(p.w, portions)))), 0.5), params);
  return toNumbers(sub(params.w, mul(grads.w, learningRate)));
}

function toNumbers(t: Tensor): number[] {
  return Array.from(t.dataSync());
}

/** Prints the prices as they converge and the residual error. */
export function main(): void {
  const names = ['coffee', 'juice', 'toast'];
  const format = (g: number[]) => g.map((p, i) => `${names[i]} ${p.toFixed(4)}`).join('  ');
  console.log('Cafeteria: learning prices from weekly bills with the delta rule (ε = 1/35)');
  console.log(`slide step, portions 5/2/3, bill 8.50, guesses 0.50: ${format(cafeteriaFirstStep())}`);
  const { guesses, finalResidual } = learnCafeteriaPrices({
    onWeek: (week, g, residual) => {
      if (week <= 5 || week % 50 === 0) console.log(`week ${String(week).padStart(3)}: ${format(g)}   |t − y| = ${residual.toFixed(6)}`);
    },
  });
  console.log(`learned: ${format(guesses)} (true: coffee 0.50, juice 1.50, toast 1.00); last residual ${finalResidual.toExponential(2)}`);
}
