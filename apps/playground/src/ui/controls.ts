import {
  BACKENDS, DATASETS, HIDDEN_NEURONS, LIMITS, OPTIMIZERS, OUTPUT_NEURONS, type HiddenLayerConfig, type PlaygroundConfig, SCHEDULES,
} from '../engine/config';

type NumberKey = {
  [K in keyof PlaygroundConfig]: PlaygroundConfig[K] extends number ? K : never;
}[keyof PlaygroundConfig];
type ChoiceKey = 'dataset' | 'output' | 'optimizer' | 'schedule' | 'backend';

interface NumberField {
  readonly key: NumberKey;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly step: number | 'any';
  /** Shown only when this holds. */
  readonly when?: (c: PlaygroundConfig) => boolean;
}
interface ChoiceField {
  readonly key: ChoiceKey;
  readonly label: string;
  readonly options: readonly string[];
  readonly names?: Readonly<Record<string, string>>;
}
type Field = NumberField | ChoiceField;

const uses = (...names: string[]) => (c: PlaygroundConfig) => names.includes(c.optimizer);
const scheduled = (...names: string[]) => (c: PlaygroundConfig) => c.optimizer !== 'rprop' && names.includes(c.schedule);

const GROUPS: readonly { readonly legend: string; readonly fields: readonly Field[]; readonly network?: true; readonly mode?: true }[] = [
  {
    legend: 'Data',
    fields: [
      {
        key: 'dataset', label: 'Data set', options: DATASETS,
        names: { xor: 'XOR', moons: 'Double moon', spirals: 'Two spirals', circles: 'Circles', blobs: 'Gaussian blobs', separable: 'Linearly separable' },
      },
      { key: 'noise', label: 'Noise σ', min: 0, max: 1, step: 0.05 },
      { key: 'trainRatio', label: 'Training share', min: 0.1, max: 0.9, step: 0.1 },
      { key: 'samples', label: 'Points', min: LIMITS.samples[0], max: LIMITS.samples[1], step: 1 },
      { key: 'seed', label: 'Seed', min: 0, max: 2 ** 31 - 1, step: 1 },
    ],
  },
  {
    legend: 'Network',
    network: true,
    fields: [
      {
        key: 'output', label: 'Output neuron (loss)', options: OUTPUT_NEURONS,
        names: { logistic: 'logistic (cross-entropy)', tanh: 'tanh (squared error)', linear: 'linear: Adaline (squared error)', step: 'step: perceptron (criterion)' },
      },
    ],
  },
  {
    legend: 'Training',
    mode: true,
    fields: [
      {
        key: 'optimizer', label: 'Optimizer', options: OPTIMIZERS,
        names: { sgd: 'gradient descent', momentum: 'momentum', nesterov: 'Nesterov momentum', adagrad: 'AdaGrad', rmsprop: 'RMSprop', adam: 'Adam', rprop: 'Rprop (batch)' },
      },
      { key: 'learningRate', label: 'Learning rate η (Rprop: Δ₀)', min: 0, max: 100, step: 'any' },
      { key: 'momentum', label: 'Momentum μ', min: 0, max: 0.999, step: 0.05, when: uses('momentum', 'nesterov') },
      { key: 'rmsAlpha', label: 'RMSprop α', min: 0, max: 0.999, step: 0.01, when: uses('rmsprop') },
      { key: 'beta1', label: 'Adam β₁', min: 0, max: 0.999, step: 0.01, when: uses('adam') },
      { key: 'beta2', label: 'Adam β₂', min: 0, max: 0.9999, step: 0.001, when: uses('adam') },
      {
        key: 'schedule', label: 'Rate schedule', options: SCHEDULES,
        names: { constant: 'constant', exponential: 'exponential decay', 'inverse-time': 'inverse time (1/t)', step: 'step decay', cosine: 'cosine decay' },
      },
      { key: 'decay', label: 'Decay factor', min: 0.01, max: 1, step: 0.01, when: scheduled('exponential', 'step') },
      { key: 'decayEpochs', label: 'Schedule epochs', min: 1, max: 100_000, step: 1, when: scheduled('inverse-time', 'step', 'cosine') },
    ],
  },
  {
    legend: 'Regularization',
    fields: [
      { key: 'l2', label: 'L2 penalty λ', min: 0, max: 10, step: 'any' },
      { key: 'l1', label: 'L1 penalty λ', min: 0, max: 10, step: 'any' },
      { key: 'dropout', label: 'Dropout rate (hidden)', min: 0, max: 0.9, step: 0.05 },
      { key: 'inputNoise', label: 'Input noise σ', min: 0, max: 2, step: 0.05 },
      { key: 'maxNorm', label: 'Max-norm c (0: off)', min: 0, max: 100, step: 0.5 },
      { key: 'earlyStopping', label: 'Early stopping patience (0: off)', min: 0, max: 10_000, step: 1 },
    ],
  },
  {
    legend: 'Backend',
    fields: [{ key: 'backend', label: 'Runs on', options: BACKENDS, names: { cpu: 'cpu (plain TypeScript)', wasm: 'wasm (SIMD WebAssembly)', gpu: 'gpu (gpu.js: WebGL2 or WebGPU)' } }],
  },
];

/** The settings form: built once, then read from and written to as a PlaygroundConfig. */
export interface Controls {
  /** The configuration the form shows now (not yet checked). */
  read(): PlaygroundConfig;
  write(config: PlaygroundConfig): void;
}

/** Builds labelled, keyboard-usable controls for every setting into `form`; `onChange` gets each committed change. */
export function createControls(form: HTMLFormElement, initial: PlaygroundConfig, onChange: (config: PlaygroundConfig) => void): Controls {
  let hidden: HiddenLayerConfig[] = initial.hidden.map((l) => ({ ...l }));
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const wrappers: { field: NumberField; wrapper: HTMLElement }[] = [];
  let layersBox!: HTMLElement;
  let batchInput!: HTMLInputElement;
  let modeSelect!: HTMLSelectElement;

  const fieldRow = (id: string, label: string, control: HTMLElement): HTMLElement => {
    const row = document.createElement('div');
    row.className = 'field';
    const l = document.createElement('label');
    l.htmlFor = id;
    l.textContent = label;
    control.id = id;
    row.append(l, control);
    return row;
  };
  const select = (options: readonly string[], names?: Readonly<Record<string, string>>): HTMLSelectElement => {
    const s = document.createElement('select');
    for (const o of options) s.add(new Option(names?.[o] ?? o, o));
    return s;
  };
  const numberInput = (min: number, max: number, step: number | 'any'): HTMLInputElement => {
    const i = document.createElement('input');
    i.type = 'number';
    i.min = String(min);
    i.max = String(max);
    i.step = String(step);
    i.required = true;
    return i;
  };

  const renderLayers = () => {
    layersBox.replaceChildren();
    hidden.forEach((layer, i) => {
      const row = document.createElement('div');
      row.className = 'layer-row';
      row.setAttribute('role', 'group');
      row.setAttribute('aria-label', `Hidden layer ${i + 1}`);
      const units = numberInput(LIMITS.units[0], LIMITS.units[1], 1);
      units.value = String(layer.units);
      units.id = `layer-${i}-units`;
      units.setAttribute('aria-label', `Hidden layer ${i + 1}: units`);
      units.dataset.layer = String(i);
      const neuron = select(HIDDEN_NEURONS);
      neuron.value = layer.neuron;
      neuron.id = `layer-${i}-neuron`;
      neuron.setAttribute('aria-label', `Hidden layer ${i + 1}: neuron model`);
      const label = document.createElement('span');
      label.textContent = `Layer ${i + 1}`;
      units.addEventListener('change', () => {
        hidden[i] = { ...hidden[i], units: Number(units.value) };
      });
      neuron.addEventListener('change', () => {
        hidden[i] = { ...hidden[i], neuron: neuron.value as HiddenLayerConfig['neuron'] };
      });
      row.append(label, units, neuron);
      layersBox.append(row);
    });
    const buttons = document.createElement('div');
    buttons.className = 'layer-row';
    const add = document.createElement('button');
    add.type = 'button';
    add.textContent = 'Add a layer';
    add.disabled = hidden.length >= LIMITS.hiddenLayers;
    add.addEventListener('click', () => {
      hidden = [...hidden, { units: 4, neuron: hidden.at(-1)?.neuron ?? 'tanh' }];
      renderLayers();
      form.dispatchEvent(new Event('change'));
    });
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Remove the last';
    remove.disabled = hidden.length === 0;
    remove.addEventListener('click', () => {
      hidden = hidden.slice(0, -1);
      renderLayers();
      form.dispatchEvent(new Event('change'));
    });
    buttons.append(add, remove);
    layersBox.append(buttons);
  };

  for (const group of GROUPS) {
    const fieldset = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = group.legend;
    fieldset.append(legend);
    if (group.network) {
      const heading = document.createElement('p');
      heading.textContent = `Hidden layers (0–${LIMITS.hiddenLayers}): units and neuron model`;
      heading.style.margin = '4px 0';
      layersBox = document.createElement('div');
      fieldset.append(heading, layersBox);
    }
    if (group.mode) {
      modeSelect = select(['online', 'mini-batch', 'batch'], { online: 'online (one point)', 'mini-batch': 'mini-batch', batch: 'batch (all points)' });
      fieldset.append(fieldRow('mode', 'Learning', modeSelect));
      batchInput = numberInput(2, LIMITS.samples[1], 1);
      const row = fieldRow('batchSize', 'Mini-batch size', batchInput);
      fieldset.append(row);
      modeSelect.addEventListener('change', () => {
        row.hidden = modeSelect.value !== 'mini-batch';
      });
    }
    for (const field of group.fields) {
      const control = 'options' in field ? select(field.options, field.names) : numberInput(field.min, field.max, field.step);
      inputs.set(field.key, control);
      const row = fieldRow(field.key, field.label, control);
      if (!('options' in field) && field.when !== undefined) wrappers.push({ field, wrapper: row });
      fieldset.append(row);
    }
    form.append(fieldset);
  }

  const read = (): PlaygroundConfig => {
    const config: Record<string, unknown> = { hidden: hidden.map((l) => ({ ...l })) };
    for (const [key, control] of inputs) config[key] = control instanceof HTMLSelectElement ? control.value : Number(control.value);
    const mode = modeSelect.value;
    config.batchSize = mode === 'online' ? 1 : mode === 'batch' ? 0 : Number(batchInput.value);
    return config as unknown as PlaygroundConfig;
  };
  const showRelevant = (config: PlaygroundConfig) => {
    for (const { field, wrapper } of wrappers) wrapper.hidden = !field.when!(config);
  };
  const write = (config: PlaygroundConfig) => {
    hidden = config.hidden.map((l) => ({ ...l }));
    renderLayers();
    for (const [key, control] of inputs) control.value = String(config[key as keyof PlaygroundConfig]);
    modeSelect.value = config.batchSize === 1 ? 'online' : config.batchSize === 0 ? 'batch' : 'mini-batch';
    batchInput.value = String(config.batchSize > 1 ? config.batchSize : 10);
    batchInput.closest('.field')!.toggleAttribute('hidden', modeSelect.value !== 'mini-batch');
    showRelevant(config);
  };
  form.addEventListener('change', () => {
    const config = read();
    showRelevant(config);
    onChange(config);
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  write(initial);
  return { read, write };
}
