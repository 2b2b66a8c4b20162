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
  // The keyboard's pen: arrow keys move it (Shift: finer), Space or Enter puts it down or lifts it (lifting
  // reads the digit), Delete or Backspace clears. A ring over the pad shows where it is.
  const pen = { x: canvas.width / 2, y: canvas.height / 2, down: false };
  const ring = document.createElement('div');
  ring.className = 'pen-ring';
  ring.hidden = true;
  canvas.parentElement!.append(ring);
  const showPen = () => {
    ring.hidden = false;
    ring.classList.toggle('down', pen.down);
    ring.style.left = `${canvas.offsetLeft + (pen.x * canvas.clientWidth) / canvas.width}px`;
    ring.style.top = `${canvas.offsetTop + (pen.y * canvas.clientHeight) / canvas.height}px`;
  };
  canvas.addEventListener('focus', showPen);
  canvas.addEventListener('blur', () => {
    ring.hidden = true;
  });
  canvas.addEventListener('keydown', (e) => {
    const stepSize = e.shiftKey ? 4 : 14;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-stepSize, 0], ArrowRight: [stepSize, 0], ArrowUp: [0, -stepSize], ArrowDown: [0, stepSize] };
    if (e.key in moves) {
      const [dx, dy] = moves[e.key];
      pen.x = Math.min(canvas.width, Math.max(0, pen.x + dx));
      pen.y = Math.min(canvas.height, Math.max(0, pen.y + dy));
      if (pen.down) stroke([pen.x, pen.y]);
    } else if (e.key === ' ' || e.key === 'Enter') {
      pen.down = !pen.down;
      if (pen.down) {
        last = undefined;
        stroke([pen.x, pen.y]);
      } else {
        void read();
      }
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      clear.click();
    } else {
      return;
    }
    e.preventDefault();
    showPen();
  });
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
