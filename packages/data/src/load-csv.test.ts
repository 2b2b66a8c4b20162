import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NnError, ValueError } from '@nn/tensor';
import { loadCsv } from './load-csv';

const iris = `sepal_length,sepal_width,species
5.1,3.5,setosa
7.0,3.2,versicolor

6.3, 3.3 ,virginica
4.9,3.0,setosa
`;

describe('loadCsv', () => {
  it('reads features and a categorical target (the last column by default)', () => {
    const ds = loadCsv(iris);
    expect(ds.x.shape).toEqual([4, 2]);
    expect(ds.x.dtype).toBe('float32');
    expect(ds.x).toBeAllClose([[5.1, 3.5], [7.0, 3.2], [6.3, 3.3], [4.9, 3.0]]);
    expect(ds.featureNames).toEqual(['sepal_length', 'sepal_width']);
    expect(ds.targetName).toBe('species');
    expect(ds.classNames).toEqual(['setosa', 'versicolor', 'virginica']); // sorted
    expect(ds.y.dtype).toBe('int32');
    expect(ds.y.toArray()).toEqual([0, 1, 2, 0]);
  });

  it('reads a numeric target as a float regression target', () => {
    const ds = loadCsv('x1;y;x2\n1;0.5;2\n3;-1.5e1;4\n', { delimiter: ';', target: 'y', dtype: 'float64' });
    expect(ds.x.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(ds.featureNames).toEqual(['x1', 'x2']);
    expect(ds.y.dtype).toBe('float64');
    expect(ds.y.toArray()).toEqual([0.5, -15]);
    expect(ds.classNames).toBeUndefined();
  });

  it('picks columns by name or index, in the order given', () => {
    const ds = loadCsv('a,b,c,d\n1,2,3,4\n5,6,7,8\n', { columns: ['c', 0], target: 1 });
    expect(ds.x.toArray()).toEqual([[3, 1], [7, 5]]);
    expect(ds.featureNames).toEqual(['c', 'a']);
    expect(ds.y.toArray()).toEqual([2, 6]);
  });

  it('reads headerless files by column index', () => {
    const ds = loadCsv('1,2,0\n3,4,1\n', { header: false, targetType: 'categorical' });
    expect(ds.featureNames).toEqual(['0', '1']);
    expect(ds.x.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(ds.classNames).toEqual(['0', '1']);
    expect(ds.y.dtype).toBe('int32');
  });

  it('sorts numeric class names numerically and honours given class names', () => {
    expect(loadCsv('x,y\n0,10\n0,9\n0,2\n', { targetType: 'categorical' }).classNames).toEqual(['2', '9', '10']);
    const ds = loadCsv(iris, { classNames: ['virginica', 'versicolor', 'setosa'] });
    expect(ds.y.toArray()).toEqual([2, 1, 0, 2]);
    expect(() => loadCsv(iris, { classNames: ['setosa', 'virginica'] })).toThrow(
      "loadCsv: line 3, column 'species' (index 2): 'versicolor' is not one of the classes 'setosa', 'virginica'",
    );
  });

  it('names the line and column of a cell that is not a number', () => {
    const bad = 'a,b,y\n1,2,0\n3,oops,1\n';
    expect(() => loadCsv(bad)).toThrow(ValueError);
    expect(() => loadCsv(bad)).toThrow("loadCsv: line 3, column 'b' (index 1): 'oops' is not a number");
    // line 5: the blank line 4 is skipped but counted
    expect(() => loadCsv(iris.replace(' 3.3 ', 'x'))).toThrow("loadCsv: line 5, column 'sepal_width' (index 1): 'x' is not a number");
    expect(() => loadCsv('a,y\n,1\n')).toThrow("loadCsv: line 2, column 'a' (index 0): the cell is empty, expected a number");
    expect(() => loadCsv('a,y\nNaN,1\n')).toThrow("'NaN' is not a number");
    expect(() => loadCsv('1,x\n', { header: false, targetType: 'numeric' })).toThrow("loadCsv: line 1, column 1: 'x' is not a number");
  });

  it('refuses bad column choices and ragged rows', () => {
    expect(() => loadCsv(iris, { target: 'kind' })).toThrow("loadCsv: no target column 'kind'; the header has 'sepal_length', 'sepal_width', 'species'");
    expect(() => loadCsv(iris, { columns: [0, 5] })).toThrow('loadCsv: feature column index 5 is out of range: the file has 3 columns');
    expect(() => loadCsv(iris, { columns: ['species'] })).toThrow("the target column 'species' (index 2) is also listed as a feature");
    expect(() => loadCsv('a,a,y\n1,2,3\n', { columns: ['a'] })).toThrow("feature column 'a' appears more than once in the header");
    expect(() => loadCsv('1,2\n', { header: false, target: 'y' })).toThrow("target column 'y' given by name, but header is false");
    expect(() => loadCsv('a,y\n1,2\n3\n')).toThrow('loadCsv: Invalid Record Length: expect 2, got 1 on line 3');
    expect(() => loadCsv('a,y\n')).toThrow('loadCsv: no data rows');
  });

  describe('from a file', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'nn-csv-'));
      writeFileSync(join(dir, 'iris.csv'), `\ufeff${iris}`); // with a byte-order mark
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reads { path } and names the file in errors', async () => {
      const ds = await loadCsv({ path: join(dir, 'iris.csv') });
      expect(ds.featureNames).toEqual(['sepal_length', 'sepal_width']);
      expect(ds.y.toArray()).toEqual([0, 1, 2, 0]);
      await expect(loadCsv({ path: join(dir, 'iris.csv') }, { target: 'kind' })).rejects.toThrow(`loadCsv: ${join(dir, 'iris.csv')}: no target column 'kind'`);
      await expect(loadCsv({ path: join(dir, 'none.csv') })).rejects.toThrow(NnError);
    });
  });
});
