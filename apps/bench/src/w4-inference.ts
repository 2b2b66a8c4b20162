import { type Layer, cpuBackend, createRng, predict, setBackend } from '@nn/core';
import type { Tensor as TfTensor } from '@tensorflow/tfjs-core';
import type { Sequential } from '@tensorflow/tfjs-layers';
import type { Net } from 'convnetjs';
import { type Contender, type Context, attempt, attemptWithTfjs, notAvailable } from './context';
import { type BenchData, PIXELS, nnDataset } from './data';
import { type Measurement, measure } from './measure';
import { LENET5_FORWARD_FLOPS, MLP_FORWARD_FLOPS, brainMlp, convnetLenet5, convnetMlp, nnMlp, tfjsLenet5, tfjsMlp } from './models';
import { findLenet5 } from './nn-optional';
import { type TfBackend, loadBrain, loadConvNetJs, loadTfjs } from './peers';
import type { Figure } from './table';

export const INFERENCE_BATCH = 256;

interface Net4 {
  readonly name: string;
  readonly forwardFlops: number;
  /** [1, 28, 28] for a conv net, [784] for the MLP. */
  readonly nnShape: number[];
  readonly tfShape: number[];
  /** Why @nn cannot build it yet, if it cannot. */
  readonly nnMissing: () => string | undefined;
  /** Builds @nn's network on the active backend. */
  readonly nn: () => Layer;
  readonly tfjs: (tfl: Parameters<typeof tfjsMlp>[0]) => Sequential;
  readonly convnet: (convnetjs: Parameters<typeof convnetMlp>[0]) => Net;
}

const NETS: readonly Net4[] = [
  { name: 'MLP 784-256-10', forwardFlops: MLP_FORWARD_FLOPS, nnShape: [PIXELS], tfShape: [PIXELS], nnMissing: () => undefined, nn: () => nnMlp(createRng(1)), tfjs: tfjsMlp, convnet: convnetMlp },
  {
    name: 'LeNet-5',
    forwardFlops: LENET5_FORWARD_FLOPS,
    nnShape: [1, 28, 28],
    tfShape: [28, 28, 1],
    nnMissing: () => {
      const lenet5 = findLenet5();
      return lenet5.ok ? undefined : lenet5.reason;
    },
    nn: () => {
      const lenet5 = findLenet5();
      if (!lenet5.ok) throw new Error(lenet5.reason);
      return lenet5.value({ activation: 'relu', pooling: 'max', rng: createRng(1) });
    },
    tfjs: tfjsLenet5,
    convnet: convnetLenet5,
  },
];

function figureOf({ medianMs, runs }: Measurement, forwardFlops: number) {
  const samplesPerSecond = INFERENCE_BATCH / (medianMs / 1000);
  return { samplesPerSecond, gflops: (samplesPerSecond * forwardFlops) / 1e9, detail: { batch: INFERENCE_BATCH, medianMs, runs } };
}

/**
 * W4: inference of the W2 and W3 networks on one batch of 256 test digits, read back to host memory;
 * samples/s. Freshly initialized weights: the work does not depend on their values. @nn's backends and
 * tfjs wasm are timed together, run by run (attemptTogether); tfjs cpu, ConvNetJS and brain.js, far
 * slower, each on its own. ConvNetJS and brain.js have no batched forward: 256 calls of one sample each.
 */
export async function runW4(ctx: Context): Promise<Figure[]> {
  const data = await ctx.data();
  const timing = { warmup: 1, minMs: ctx.plan.minMs, minRuns: ctx.plan.minRuns };
  const figures: Figure[] = [];
  const [tfjs, convnetjs, brain] = await Promise.all([loadTfjs(), loadConvNetJs(), loadBrain()]);
  for (const net of NETS) {
    const row = { workload: 'W4', case: net.name } as const;
    const toFigure = (m: Measurement) => figureOf(m, net.forwardFlops);
    const missing = net.nnMissing();
    const ours: Contender[] = ctx.nnBackends.map((b) => ({
      row: { ...row, library: '@nn', backend: b.name, ours: true },
      setup: async () => {
        if (missing !== undefined) throw new Error(missing);
        setBackend(b.backend);
        const { x } = nnDataset(data.xTest, data.yTest, INFERENCE_BATCH, net.nnShape);
        const model = net.nn();
        setBackend(cpuBackend);
        return {
          run: () => {
            setBackend(b.backend);
            void predict(model, x, { batchSize: INFERENCE_BATCH }).dataSync();
          },
          teardown: () => setBackend(cpuBackend),
        };
      },
    }));
    const tfjsRow = (backend: TfBackend) => ({ ...row, library: 'tfjs', backend, ours: false }) as const;
    /** The network's forward pass on tfjs's `backend`, switched to before the model is built. */
    const tfjsContender = (backend: TfBackend): Contender => {
      if (!tfjs.ok) throw new Error(tfjs.reason);
      const { tf, tfl, use } = tfjs.value;
      return {
        row: tfjsRow(backend),
        setup: async () => {
          await use(backend);
          const model = net.tfjs(tfl);
          const x = tf.tensor(data.xTest.subarray(0, INFERENCE_BATCH * PIXELS), [INFERENCE_BATCH, ...net.tfShape], 'float32');
          return {
            run: () => {
              // NOTE: the whole batch at once, as @nn's predict is asked to: tfjs-layers' default is batches of 32
              const y = model.predict(x, { batchSize: INFERENCE_BATCH }) as TfTensor;
              y.dataSync();
              y.dispose();
            },
            teardown: () => {
              x.dispose();
              model.dispose();
            },
          };
        },
      };
    };
    figures.push(...await attemptWithTfjs(ctx, ours, tfjsRow, tfjs.ok ? tfjsContender : tfjs.reason, timing, toFigure));
    const convPeer = { ...row, library: 'ConvNetJS', backend: 'js (float64)', ours: false } as const;
    figures.push(convnetjs.ok
      ? await attempt(ctx, convPeer, async () => {
        const model = net.convnet(convnetjs.value);
        const vol = new convnetjs.value.Vol(28, 28, 1, 0);
        return figureOf(measure(() => {
          for (let i = 0; i < INFERENCE_BATCH; i++) {
            vol.w.set(data.xTest.subarray(i * PIXELS, (i + 1) * PIXELS));
            model.forward(vol, false);
          }
        }, timing), net.forwardFlops);
      })
      : notAvailable(convPeer, convnetjs.reason));
    if (net.name.startsWith('MLP')) {
      const brainPeer = { ...row, library: 'brain.js', backend: 'js', ours: false } as const;
      figures.push(brain.ok
        ? await attempt(ctx, brainPeer, async () => {
          const model = brainMlp(brain.value);
          const inputs = Array.from({ length: INFERENCE_BATCH }, (_, i) => data.xTest.subarray(i * PIXELS, (i + 1) * PIXELS));
          return figureOf(measure(() => {
            for (const input of inputs) model.run(input as never);
          }, timing), net.forwardFlops);
        })
        : notAvailable(brainPeer, brain.reason));
    }
  }
  return figures;
}
