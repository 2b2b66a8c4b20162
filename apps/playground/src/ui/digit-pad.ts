import { type Layer, fromTypedArray, modelFromFiles, predict, softmax, tidy } from '@nn/core';
import { MNIST_SIDE, toMnistInput } from '../engine/digit-image';

/** Fetches the LeNet-5 that ships in public/lenet5 (model.json and the safetensors file it names). */
async function fetchLenet(): Promise<Layer> {
  const base = new URL('lenet5/', document.baseURI);
  const jsonResponse = await fetch(new URL('model.json', base));
  if (!jsonResponse.ok) throw new Error(`lenet5/model.json: HTTP ${jsonResponse.status}`);
  const json = await jsonResponse.text();
  const weightsResponse = await fetch(new URL(JSON.parse(json).weights, base));
  if (!weightsResponse.ok) throw new Error(`lenet5 weights: HTTP ${weightsResponse.status}`);
  return modelFromFiles(json, await weightsResponse.arrayBuffer());
}

/**
 * A drawing pad (pointer events: mouse, pen, touch) whose ink, normalized as MNIST's digits were,
 * LeNet-5 reads after every stroke; the ten probabilities are listed, the most likely digit first in
 * `top` (with `data-digit` set for tests and scripts).
 */
export function setupDigitPad(canvas: HTMLCanvasElement, clear: HTMLButtonElement, top: HTMLElement, list: HTMLOListElement): void {
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  let model: Promise<Layer> | undefined;
  let drawing = false;
  let last: [number, number] | undefined;
  const blank = () => {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  };
  blank();
  const items = Array.from({ length: 10 }, (_, d) => {
    const li = document.createElement('li');
    li.textContent = `${d}: –`;
    list.append(li);
    return li;
  });
  const at = (e: PointerEvent): [number, number] => {
    const box = canvas.getBoundingClientRect();
    return [((e.clientX - box.left) * canvas.width) / box.width, ((e.clientY - box.top) * canvas.height) / box.height];
  };
  const stroke = (to: [number, number]) => {
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 22;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(...(last ?? to));
    ctx.lineTo(...to);
    ctx.stroke();
    last = to;
  };
  const read = async () => {
    const image = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const ink = new Float32Array(canvas.width * canvas.height);
    for (let i = 0; i < ink.length; i++) ink[i] = image[4 * i] / 255;
    const input = toMnistInput(ink, canvas.width, canvas.height);
    if (input.every((v) => v === 0)) return;
    top.textContent = 'Reading…';
    try {
      model ??= fetchLenet();
      const net = await model;
      const probs = tidy(() => Array.from(softmax(predict(net, fromTypedArray(input, [1, 1, MNIST_SIDE, MNIST_SIDE], 'float32'))).dataSync()));
      const best = probs.indexOf(Math.max(...probs));
      probs.forEach((p, d) => {
        const bar = document.createElement('span');
        bar.className = 'bar';
        bar.style.width = `${Math.round(p * 160)}px`;
        items[d].textContent = `${d}: ${(100 * p).toFixed(1)}%`;
        items[d].append(bar);
        items[d].classList.toggle('top', d === best);
      });
      top.dataset.digit = String(best);
      top.textContent = `LeNet-5 reads a ${best} (${(100 * probs[best]).toFixed(1)}%).`;
    } catch (error) {
      model = undefined;
      top.textContent = `Could not load LeNet-5: ${(error as Error).message}`;
    }
  };
  canvas.addEventListener('pointerdown', (e) => {
    drawing = true;
    last = undefined;
    canvas.setPointerCapture(e.pointerId);
    stroke(at(e));
  });
  canvas.addEventListener('pointermove', (e) => {
    if (drawing) stroke(at(e));
  });
  const end = () => {
    if (!drawing) return;
    drawing = false;
    void read();
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  clear.addEventListener('click', () => {
    blank();
    delete top.dataset.digit;
    top.textContent = 'Draw a digit.';
    items.forEach((li, d) => {
      li.textContent = `${d}: –`;
      li.classList.remove('top');
    });
  });
}
