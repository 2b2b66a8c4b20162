import type { BatchOrder } from './batch-order';
import { labelGroups } from './batch-order';

/**
 * A shuffle in which consecutive samples belong to different classes wherever the class counts
 * allow: the fewest possible same-class neighbours, max(0, 2·n_max − N − 1). Each step picks the
 * next class at random in proportion to its remaining samples, never the previous one, except that a
 * class holding more than half of what is left must be taken at once (else it could not be spread
 * out); within a class the samples come in shuffled order.
 * @see Y. LeCun, L. Bottou, G. Orr, K.-R. Müller, "Efficient BackProp", 1998, §4.2: "choose successive
 *   examples that are not from the same class"
 */
export function alternatingClassOrder(): BatchOrder {
  return {
    kind: 'alternatingClass',
    indices(_epoch, rng, { y }) {
      const groups = labelGroups('alternatingClassOrder', y);
      groups.forEach((g) => rng.shuffle(g));
      const left = groups.map((g) => g.length);
      let total = left.reduce((a, b) => a + b, 0);
      const out = new Int32Array(total);
      let previous = -1;
      for (let p = 0; p < out.length; p++) {
        // (1) a class with more than half of the rest goes now (it can only ever be one, not the previous)
        let pick = -1;
        for (let c = 0; c < left.length; c++) if (c !== previous && 2 * left[c] > total) pick = c;
        // (2) otherwise a random class other than the previous, by remaining count
        if (pick === -1) {
          const pool = total - (previous >= 0 ? left[previous] : 0);
          if (pool === 0) pick = previous; // only the previous class is left: unavoidable neighbours
          else {
            let r = rng.int(pool);
            for (let c = 0; c < left.length; c++) {
              if (c === previous) continue;
              if (r < left[c]) {
                pick = c;
                break;
              }
              r -= left[c];
            }
          }
        }
        const g = groups[pick];
        out[p] = g[g.length - left[pick]];
        left[pick]--;
        total--;
        previous = pick;
      }
      return out;
    },
  };
}
