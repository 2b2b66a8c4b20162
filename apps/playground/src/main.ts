import { type GpuBackend, type WasmBackend, downloadModel, loadFromIndexedDB, saveToIndexedDB, useBackend } from '@nn/core';
import { type BackendChoice, DEFAULT_CONFIG, type PlaygroundConfig, checkConfig } from './engine/config';
import { configFromQuery, configToQuery } from './engine/config-url';
import { PRESETS, presetById } from './engine/presets';
import { type Trainer, createTrainer } from './engine/trainer';
import { createControls } from './ui/controls';
import { setupDigitPad } from './ui/digit-pad';
import { drawCurves, drawSurface, drawUnit } from './ui/draw';

/** How long one slice of training may hold the page before it yields to the browser. */
const SLICE_MS = 12;
const SURFACE_RESOLUTION = 60;
const UNIT_RESOLUTION = 24;
/** The IndexedDB record the Save and Load buttons use, and where the run's settings go with it. */
const SAVED_MODEL = 'playground';
const SAVED_CONFIG_KEY = 'nn-playground:saved-config';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const surfaceCanvas = $<HTMLCanvasElement>('surface');
const curvesCanvas = $<HTMLCanvasElement>('curves');
const playButton = $<HTMLButtonElement>('play');
const stats = $<HTMLParagraphElement>('stats');
const announce = $<HTMLParagraphElement>('announce');
const configError = $<HTMLParagraphElement>('config-error');
const presetSelect = $<HTMLSelectElement>('preset');
const lessonText = $<HTMLParagraphElement>('lesson-text');
const backendStatus = $<HTMLParagraphElement>('backend-status');
const ioStatus = $<HTMLParagraphElement>('io-status');
const showTest = $<HTMLInputElement>('show-test');
const showLines = $<HTMLInputElement>('show-lines');

let config: PlaygroundConfig = DEFAULT_CONFIG;
try {
  if (location.hash.length > 1) config = configFromQuery(location.hash);
} catch (error) {
  configError.textContent = `The link's settings were not used: ${(error as Error).message}`;
}
let trainer: Trainer;
let running = false;
let activeBackend: BackendChoice | undefined;
let lastUnits = 0;

for (const p of [{ id: '', title: 'Custom settings' }, ...PRESETS]) presetSelect.add(new Option(p.title, p.id));

function showLesson(): void {
  const query = configToQuery(config);
  const preset = PRESETS.find((p) => configToQuery(p.config) === query);
  presetSelect.value = preset?.id ?? '';
  lessonText.textContent = preset?.lesson ?? 'Your own settings: the link in the address bar reproduces them.';
}

/** Switches the tensor backend when the settings name another one, and says which one runs. */
async function applyBackend(choice: BackendChoice): Promise<void> {
  if (choice === activeBackend) return;
  try {
    const backend = await useBackend(choice);
    activeBackend = choice;
    const threads = (backend as Partial<WasmBackend>).threads ?? 1;
    const mode = (backend as Partial<GpuBackend>).mode;
    backendStatus.textContent = choice === 'cpu'
      ? 'Backend: cpu (plain TypeScript kernels)'
      : choice === 'gpu'
        ? `Backend: gpu (gpu.js in its ${String(mode)} mode)`
        : `Backend: wasm (SIMD WebAssembly kernels, ${threads} thread${threads === 1 ? '' : 's'}${crossOriginIsolated ? '' : '; the page is not cross-origin isolated, so one thread'})`;
  } catch (error) {
    await useBackend('cpu');
    activeBackend = 'cpu';
    backendStatus.textContent = `Backend: cpu (plain TypeScript kernels); ${choice} failed to start: ${(error as Error).message}`;
  }
  backendStatus.dataset.backend = activeBackend;
}

/** Starts the run the settings describe (new points, new weights); keeps playing if it was. */
async function restart(next: PlaygroundConfig): Promise<void> {
  config = checkConfig(next);
  configError.textContent = '';
  history.replaceState(null, '', `#${configToQuery(config)}`);
  await applyBackend(config.backend);
  trainer = createTrainer(config);
  lastUnits = 0;
  showLesson();
  render(true);
}

function render(units = false): void {
  const r = trainer.history[trainer.history.length - 1];
  drawSurface(surfaceCanvas, trainer.surface(SURFACE_RESOLUTION), SURFACE_RESOLUTION, trainer.data, {
    showTest: showTest.checked,
    lines: showLines.checked ? trainer.firstLayerLines() : [],
  });
  drawCurves(curvesCanvas, trainer.history);
  $('epoch').textContent = `Epoch ${r.epoch}`;
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  stats.textContent = `${trainer.head.lossName}: training ${r.trainLoss.toFixed(4)}, test ${r.testLoss.toFixed(4)}; `
    + `errors: training ${pct(r.trainError)}, test ${pct(r.testError)}; ${trainer.steps} updates`
    + (trainer.stoppedBecause === undefined ? '' : `. Stopped: ${trainer.stoppedBecause}.`);
  stats.dataset.epoch = String(r.epoch);
  stats.dataset.testLoss = String(r.testLoss);
  stats.dataset.trainLoss = String(r.trainLoss);
  surfaceCanvas.setAttribute('aria-label', `Decision surface after epoch ${r.epoch}: test error ${pct(r.testError)}`);
  curvesCanvas.setAttribute('aria-label', `Loss curves: training ${r.trainLoss.toFixed(3)}, test ${r.testLoss.toFixed(3)} at epoch ${r.epoch}`);
  // The small surfaces cost more than the big one: at most ten times a second.
  if (units || performance.now() - lastUnits > 100) {
    lastUnits = performance.now();
    renderUnits();
  }
}

function renderUnits(): void {
  const box = $('units');
  const layers = trainer.unitSurfaces(UNIT_RESOLUTION);
  if (box.dataset.shape !== layers.map((l) => l.length).join(',')) {
    box.dataset.shape = layers.map((l) => l.length).join(',');
    box.replaceChildren(...layers.map((layer, i) => {
      const row = document.createElement('div');
      row.className = 'unit-layer';
      const label = document.createElement('span');
      label.textContent = `Layer ${i + 1} (${config.hidden[i].neuron})`;
      row.append(label, ...layer.map((_, u) => {
        const c = document.createElement('canvas');
        c.width = UNIT_RESOLUTION;
        c.height = UNIT_RESOLUTION;
        c.setAttribute('role', 'img');
        c.setAttribute('aria-label', `Layer ${i + 1}, unit ${u + 1}: its output over the input plane`);
        return c;
      }));
      return row;
    }));
    if (layers.length === 0) box.textContent = 'None: the output unit sees the inputs directly.';
  }
  layers.forEach((layer, i) => layer.forEach((values, u) => {
    drawUnit(box.children[i].children[u + 1] as HTMLCanvasElement, values, UNIT_RESOLUTION);
  }));
  const table = $<HTMLTableElement>('weights');
  const lines = trainer.firstLayerLines();
  const caption = table.caption;
  table.replaceChildren(...(caption === null ? [] : [caption]));
  const head = table.createTHead().insertRow();
  for (const h of ['unit', 'w₁', 'w₂', 'b']) head.append(Object.assign(document.createElement('th'), { textContent: h, scope: 'col' }));
  const body = table.createTBody();
  lines.forEach(({ w1, w2, b }, u) => {
    const row = body.insertRow();
    for (const v of [String(u + 1), w1.toFixed(3), w2.toFixed(3), b.toFixed(3)]) row.insertCell().textContent = v;
  });
}

function setRunning(on: boolean): void {
  running = on;
  playButton.setAttribute('aria-pressed', String(on));
  playButton.textContent = on ? 'Pause' : 'Play';
  if (on) requestAnimationFrame(frame);
  else announce.textContent = stats.textContent ?? '';
}

/** Runs a piece of training; an error (a backend that fails mid-run) pauses and is shown, not thrown. */
function guarded(work: () => void): boolean {
  try {
    work();
    return true;
  } catch (error) {
    setRunning(false);
    configError.textContent = `Training stopped on the ${activeBackend} backend: ${(error as Error).message.split('\n')[0]}`;
    return false;
  }
}

/** One animation frame: train for a slice of time (never the whole run: the page keeps responding), then draw. */
function frame(): void {
  if (!running) return;
  if (!guarded(() => {
    trainer.trainFor(SLICE_MS);
    render();
  })) return;
  if (trainer.stoppedBecause !== undefined) setRunning(false);
  else requestAnimationFrame(frame);
}

const controls = createControls($<HTMLFormElement>('controls'), config, (next) => {
  restart(next).catch((error: Error) => {
    configError.textContent = error.message;
  });
});

presetSelect.addEventListener('change', () => {
  const preset = presetById(presetSelect.value);
  if (preset === undefined) return;
  const next = { ...preset.config, backend: config.backend };
  controls.write(next);
  void restart(next);
});
playButton.addEventListener('click', () => setRunning(!running));
$('step').addEventListener('click', () => {
  if (guarded(() => {
    trainer.trainEpoch();
    render(true);
  })) announce.textContent = stats.textContent ?? '';
});
$('reset').addEventListener('click', () => void restart(config));
// A link pasted into the address bar of an open playground.
window.addEventListener('hashchange', () => {
  if (location.hash.slice(1) === configToQuery(config)) return;
  try {
    const next = configFromQuery(location.hash);
    controls.write(next);
    void restart(next);
  } catch (error) {
    configError.textContent = `The link's settings were not used: ${(error as Error).message}`;
  }
});
showTest.addEventListener('change', () => render());
showLines.addEventListener('change', () => render());

$('save-idb').addEventListener('click', async () => {
  try {
    await saveToIndexedDB(trainer.network.model, SAVED_MODEL);
    localStorage.setItem(SAVED_CONFIG_KEY, configToQuery(config));
    ioStatus.textContent = `Saved the network of epoch ${trainer.history[trainer.history.length - 1].epoch} in this browser.`;
  } catch (error) {
    ioStatus.textContent = `Saving failed: ${(error as Error).message}`;
  }
});
$('load-idb').addEventListener('click', async () => {
  try {
    const saved = localStorage.getItem(SAVED_CONFIG_KEY);
    const model = await loadFromIndexedDB(SAVED_MODEL);
    setRunning(false);
    if (saved !== null && saved !== configToQuery(config)) {
      const next = configFromQuery(saved);
      controls.write(next);
      await restart(next);
    }
    trainer.setWeights(model);
    render(true);
    ioStatus.textContent = 'Loaded the saved network: its weights now draw the surface (training goes on from them).';
  } catch (error) {
    ioStatus.textContent = `Loading failed: ${(error as Error).message}`;
  }
});
$('download').addEventListener('click', () => downloadModel(trainer.network.model, 'playground-model'));

setupDigitPad($<HTMLCanvasElement>('pad'), $<HTMLButtonElement>('pad-clear'), $('digit-top'), $<HTMLOListElement>('digit-probs'));

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  // Offline once loaded: the worker keeps the page, its scripts and LeNet-5's weights.
  navigator.serviceWorker.register('./sw.js').catch(() => undefined);
}

void restart(config).then(() => {
  document.body.dataset.ready = 'true';
});
