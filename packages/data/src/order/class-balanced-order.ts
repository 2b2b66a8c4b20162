import type { BatchOrder } from './batch-order';
import { labelGroups } from './batch-order';

/**
 * Class-balanced mini-batches: every run of consecutive samples, so every batch, holds each class
 * in about its overall share (class c with n_c of N samples: within 1 + C·n_c/N of B·n_c/N in a
 * batch of B, C classes). Each epoch shuffles every class, then interleaves them by the key
 * (k + o_c)/n_c of the class's k-th sample, o_c a random offset in [0, 1) per class and epoch
 * (systematic stratified sampling); ties go in random order.
 * @see Y. LeCun, L. Bottou, G. Orr, K.-R. Müller, "Efficient BackProp", 1998, §4.2 (shuffling the examples)
 */
export function classBalancedOrder(): BatchOrder {
  return {
    kind: 'classBalanced',
    indices(_epoch, rng, { y }) {
      const groups = labelGroups('classBalancedOrder', y);
      const n = groups.reduce((s, g) => s + g.length, 0);
      const keys = new Float64Array(n);
      const tie = new Float64Array(n);
      const order = new Int32Array(n);
      let p = 0;
      for (const g of groups) {
        rng.shuffle(g);
        const offset = rng.uniform();
        g.forEach((sample, k) => {
          order[p] = sample;
          keys[p] = (k + offset) / g.length;
          tie[p] = rng.uniform();
          p++;
        });
      }
      const positions = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || tie[a] - tie[b]);
      return Int32Array.from(positions, (i) => order[i]);
    },
  };
}
