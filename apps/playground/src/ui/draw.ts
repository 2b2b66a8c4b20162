import type { Dataset } from '@nn/core';
import { PLANE } from '../engine/make-data';
import type { EpochRecord, UnitLine } from '../engine/trainer';

const CLASS0: readonly [number, number, number] = [194, 87, 12];
const CLASS1: readonly [number, number, number] = [11, 94, 153];

/** t ∈ [0, 1] to a colour: class 0's orange at 0, white at ½, class 1's blue at 1 (at most 65% saturated). */
function tint(t: number): [number, number, number] {
  const c = t < 0.5 ? CLASS0 : CLASS1;
  const a = Math.min(1, Math.abs(t - 0.5) * 2) * 0.65;
  return [255 + (c[0] - 255) * a, 255 + (c[1] - 255) * a, 255 + (c[2] - 255) * a];
}

/** Paints a resolution² grid of values in [0, 1] (row 0 at the top) over the whole canvas. */
function paintGrid(ctx: CanvasRenderingContext2D, values: Float32Array, resolution: number): void {
  const image = new ImageData(resolution, resolution);
  for (let i = 0; i < values.length; i++) {
    const [r, g, b] = tint(values[i]);
    image.data[4 * i] = r;
    image.data[4 * i + 1] = g;
    image.data[4 * i + 2] = b;
    image.data[4 * i + 3] = 255;
  }
  const scratch = document.createElement('canvas');
  scratch.width = resolution;
  scratch.height = resolution;
  scratch.getContext('2d')!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(scratch, 0, 0, ctx.canvas.width, ctx.canvas.height);
}

/** The decision surface, the points (training ringed white, test ringed black) and the first layer's lines. */
export function drawSurface(
  canvas: HTMLCanvasElement, surface: Float32Array, resolution: number, data: { train: Dataset; test: Dataset },
  { showTest, lines }: { showTest: boolean; lines: readonly UnitLine[] },
): void {
  const ctx = canvas.getContext('2d')!;
  const { width, height } = canvas;
  paintGrid(ctx, surface, resolution);
  const px = (x: number) => ((x + PLANE) / (2 * PLANE)) * width;
  const py = (y: number) => ((PLANE - y) / (2 * PLANE)) * height;
  ctx.save();
  ctx.setLineDash([6, 4]);
  ctx.strokeStyle = '#333';
  ctx.lineWidth = 1.5;
  for (const { w1, w2, b } of lines) {
    // Two points of w₁x + w₂y + b = 0 at the plane's edges, along whichever axis the line is less steep in.
    let ends: [number, number][];
    if (Math.abs(w2) >= Math.abs(w1)) {
      if (w2 === 0) continue;
      ends = [[-PLANE, -(w1 * -PLANE + b) / w2], [PLANE, -(w1 * PLANE + b) / w2]];
    } else {
      ends = [[-(w2 * -PLANE + b) / w1, -PLANE], [-(w2 * PLANE + b) / w1, PLANE]];
    }
    ctx.beginPath();
    ctx.moveTo(px(ends[0][0]), py(ends[0][1]));
    ctx.lineTo(px(ends[1][0]), py(ends[1][1]));
    ctx.stroke();
  }
  ctx.restore();
  const points = (ds: Dataset, ring: string) => {
    const x = ds.x.dataSync();
    const y = ds.y.dataSync();
    for (let i = 0; i < y.length; i++) {
      ctx.beginPath();
      ctx.arc(px(x[2 * i]), py(x[2 * i + 1]), 3.5, 0, 2 * Math.PI);
      ctx.fillStyle = y[i] === 1 ? `rgb(${CLASS1.join(',')})` : `rgb(${CLASS0.join(',')})`;
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = ring;
      ctx.stroke();
    }
  };
  points(data.train, '#fff');
  if (showTest) points(data.test, '#000');
}

/** Training (solid) and test (dashed) loss per epoch; the y axis from 0 to a little above the starting losses. */
export function drawCurves(canvas: HTMLCanvasElement, history: readonly EpochRecord[]): void {
  const ctx = canvas.getContext('2d')!;
  const { width, height } = canvas;
  const left = 44;
  const bottom = height - 22;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  const finite = (v: number) => (Number.isFinite(v) ? v : 0);
  const top = Math.max(1e-3, ...history.slice(0, 5).flatMap((r) => [finite(r.trainLoss), finite(r.testLoss)])) * 1.15;
  const lastEpoch = Math.max(10, history[history.length - 1].epoch);
  const x = (epoch: number) => left + ((width - left - 8) * epoch) / lastEpoch;
  const y = (loss: number) => bottom - ((bottom - 8) * Math.min(Number.isFinite(loss) ? loss : top, top)) / top;
  ctx.strokeStyle = '#767676';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(left, 8);
  ctx.lineTo(left, bottom);
  ctx.lineTo(width - 8, bottom);
  ctx.stroke();
  ctx.fillStyle = '#1a1a1a';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.fillText(top.toPrecision(2), left - 4, 14);
  ctx.fillText('0', left - 4, bottom);
  ctx.textAlign = 'center';
  ctx.fillText(`epoch ${lastEpoch}`, width - 36, height - 6);
  ctx.fillText('0', left, height - 6);
  const line = (key: 'trainLoss' | 'testLoss', color: string, dash: number[]) => {
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.setLineDash(dash);
    ctx.beginPath();
    history.forEach((r, i) => (i === 0 ? ctx.moveTo(x(r.epoch), y(r[key])) : ctx.lineTo(x(r.epoch), y(r[key]))));
    ctx.stroke();
    ctx.restore();
  };
  line('trainLoss', '#1a1a1a', []);
  line('testLoss', '#b3261e', [5, 3]);
}

/** One hidden unit's output over the plane, its range [min, max] stretched from orange to blue. */
export function drawUnit(canvas: HTMLCanvasElement, values: Float32Array, resolution: number): void {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const span = hi - lo;
  const scaled = span > 1e-9 ? values.map((v) => (v - lo) / span) : values.map(() => 0.5);
  paintGrid(canvas.getContext('2d')!, scaled, resolution);
}
