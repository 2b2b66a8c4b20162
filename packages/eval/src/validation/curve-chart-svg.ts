import { lineChartSvg } from '../line-chart-svg';
import type { CurvePoint } from './learning-curve';

export interface CurveChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly logX?: boolean;
  readonly logY?: boolean;
  /** Legend names of the two lines. Default 'training' and 'validation'. */
  readonly names?: readonly [train: string, test: string];
}

/** A learning or validation curve as an SVG chart: the mean training and held-out scores against x. */
export function curveChartSvg(points: readonly CurvePoint<number>[], options: CurveChartOptions): string {
  const { names = ['training', 'validation'], ...rest } = options;
  return lineChartSvg({
    ...rest,
    series: [
      { name: names[0], points: points.map((p) => [p.x, p.train.mean] as const) },
      { name: names[1], points: points.map((p) => [p.x, p.test.mean] as const) },
    ],
  });
}
