import { describe, expect, it } from 'vitest';
import { flattenParams, unflattenParams } from './flatten-params';
import { tensor } from './ops/creation';
import { mul, sum } from './index';
import { expectGradClose } from './testing';

const tree = () => ({ w: tensor([[1, 2], [3, 4]], undefined, 'float64'), layers: [{ b: tensor([5, 6, 7], undefined, 'float64') }] });

describe('flattenParams', () => {
  it('lays every leaf out in tree order, row-major', () => {
    expect(flattenParams(tree())).toBeAllClose([1, 2, 3, 4, 5, 6, 7]);
  });

  it('is differentiable', () => {
    const weights = tensor([1, -2, 3, -4, 5, -6, 7], undefined, 'float64');
    expectGradClose((p) => sum(mul(flattenParams(p), weights)), tree());
  });
});

describe('unflattenParams', () => {
  it('inverts flattenParams', () => {
    const back = unflattenParams(flattenParams(tree()), tree());
    expect(back.w).toBeAllClose([[1, 2], [3, 4]]);
    expect(back.layers[0].b).toBeAllClose([5, 6, 7]);
  });

  it('refuses a vector of the wrong length', () => {
    expect(() => unflattenParams(tensor([1, 2]), tree())).toThrow('unflattenParams: expected a vector of 7 elements, got [2]');
  });
});
