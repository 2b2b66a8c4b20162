import { describe, expect, it } from 'vitest';
import { activation, dense, sequential } from '@nn/layers';
import { softmaxCrossEntropy } from '@nn/losses';
import { sgd } from '@nn/optim';
import { accuracy } from '@nn/eval';
import { createRng, randn, tensor } from '@nn/tensor';
import { fit } from './fit';
import { formatDuration, formatEpoch, progressBar } from './progress-bar';

describe('formatDuration', () => {
  it('reads as seconds, minutes or hours', () => {
    expect([formatDuration(42.4), formatDuration(185), formatDuration(3720), formatDuration(Infinity)]).toEqual(['42s', '3m05s', '1h02m', '?']);
  });
});

describe('formatEpoch', () => {
  it('sums an epoch up on one line', () => {
    const line = formatEpoch({ epoch: 3, loss: 0.12345, metrics: { accuracy: 0.965 }, valLoss: 0.2, valMetrics: { accuracy: 0.95 }, seconds: 4.21, samplesPerSecond: 5120.4 }, 10);
    expect(line).toBe('epoch 3/10  loss 0.1235  accuracy 0.9650  val_loss 0.2000  val_accuracy 0.9500  5,120 samples/s  4.2s');
  });
});

describe('progressBar', () => {
  it('writes one plain line per epoch when the stream is not a terminal (CI, pipes)', async () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    const rng = createRng(1);
    const model = sequential(dense(3, 4, { rng }), activation('tanh'), dense(4, 2, { rng }));
    const data = { x: randn([20, 3], { rng }), y: tensor(Array.from({ length: 20 }, (_, i) => i % 2), undefined, 'int32') };
    await fit(model, data, { loss: softmaxCrossEntropy, optimizer: sgd(0.1), epochs: 2, batchSize: 5, progress: false, metrics: { accuracy }, callbacks: [progressBar({ stream })] });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^epoch 1\/2  loss \d\.\d{4}  accuracy \d\.\d{4}  [\d,]+ samples\/s  \d+\.\ds\n$/);
    expect(lines[1]).toMatch(/^epoch 2\/2 /);
  });
});
