import { describe, expect, it } from 'vitest';
import { ValueError } from '@nn/tensor';
import { formatConfusionMatrix } from './format-confusion-matrix';

const cm = { numClasses: 3, matrix: [[1, 1, 0], [0, 12, 0], [1, 0, 2]] };

describe('formatConfusionMatrix', () => {
  it('heads rows and columns with the class indices, left-aligns row names and right-aligns counts', () => {
    expect(formatConfusionMatrix(cm)).toBe(
      ['true\\pred   0   1   2', '0           1   1   0', '1           0  12   0', '2           1   0   2'].join('\n'),
    );
  });

  it('uses the given labels', () => {
    expect(formatConfusionMatrix(cm, ['cat', 'dog', 'frog'])).toBe(
      [
        'true\\pred   cat   dog  frog',
        'cat           1     1     0',
        'dog           0    12     0',
        'frog          1     0     2',
      ].join('\n'),
    );
  });

  it('refuses a label list of another length', () => {
    expect(() => formatConfusionMatrix(cm, ['cat', 'dog'])).toThrow(new ValueError('formatConfusionMatrix', 'expected 3 labels, got 2'));
  });
});
