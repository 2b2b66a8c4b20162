import { readFileSync } from 'node:fs';
import { ShapeError, ValueError, argmax, modelFromFiles, predict, fromTypedArray } from '@nn/core';
import { describe, expect, it } from 'vitest';
import { MNIST_SIDE, toMnistInput } from './digit-image';

/** A width × height image with the rectangle [x0, x1) × [y0, y1) inked at 1. */
function rectangle(width: number, height: number, x0: number, x1: number, y0: number, y1: number): Float32Array {
  const img = new Float32Array(width * height);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) img[y * width + x] = 1;
  return img;
}

function centreOfMass(img: Float32Array): [number, number] {
  let m = 0, cx = 0, cy = 0;
  img.forEach((v, i) => {
    m += v;
    cx += v * ((i % MNIST_SIDE) + 0.5);
    cy += v * (Math.floor(i / MNIST_SIDE) + 0.5);
  });
  return [cx / m, cy / m];
}

describe('toMnistInput', () => {
  it('gives zeros for a blank drawing', () => {
    expect(Array.from(toMnistInput(new Float32Array(100 * 100), 100, 100)).every((v) => v === 0)).toBe(true);
  });

  it('scales the ink\'s box to 20 pixels on its longer side and centres its mass at (14, 14)', () => {
    // A 30 × 200 bar: scaled by 20/200 it becomes 3 × 20, placed with its centre at 14 ± 0.5.
    const out = toMnistInput(rectangle(280, 280, 40, 70, 50, 250), 280, 280);
    const inked = Array.from(out).map((v, i) => (v > 0 ? i : -1)).filter((i) => i >= 0);
    const rows = new Set(inked.map((i) => Math.floor(i / MNIST_SIDE)));
    const cols = new Set(inked.map((i) => i % MNIST_SIDE));
    expect(rows.size).toBe(20);
    expect(cols.size).toBe(3);
    const [cx, cy] = centreOfMass(out);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...out)).toBe(1);
  });

  it('does not depend on where the digit was drawn', () => {
    const a = toMnistInput(rectangle(280, 280, 40, 70, 50, 250), 280, 280);
    const b = toMnistInput(rectangle(280, 280, 200, 230, 10, 210), 280, 280);
    expect(b).toEqual(a);
  });

  it('leaves its input alone and rejects a size that does not match', () => {
    const img = rectangle(10, 10, 2, 4, 2, 8);
    const copy = img.slice();
    toMnistInput(img, 10, 10);
    expect(img).toEqual(copy);
    expect(() => toMnistInput(img, 10, 9)).toThrow(ShapeError);
    expect(() => toMnistInput(img, 0, 10)).toThrow(ValueError);
  });

  it('with the shipped LeNet-5 weights, a drawn vertical stroke reads as a 1', () => {
    const dir = new URL('../../public/lenet5/', import.meta.url);
    const json = readFileSync(new URL('model.json', dir), 'utf8');
    const weights = readFileSync(new URL(JSON.parse(json).weights, dir));
    const model = modelFromFiles(json, weights);
    const x = fromTypedArray(toMnistInput(rectangle(280, 280, 125, 150, 40, 240), 280, 280), [1, 1, MNIST_SIDE, MNIST_SIDE], 'float32');
    expect(argmax(predict(model, x), -1).dataSync()[0]).toBe(1);
  });
});
