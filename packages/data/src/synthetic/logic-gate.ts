import { ValueError } from '@nn/tensor';
import type { Dataset } from '../dataset';
import { labelled } from './synthetic';

export type LogicGateName = 'and' | 'or' | 'xor' | 'nand' | 'nor' | 'xnor';

export interface LogicGateOptions {
  /** Inputs in {0, 1} (default) or in {−1, +1} ('bipolar'). */
  readonly encoding?: 'binary' | 'bipolar';
  readonly dtype?: 'float32' | 'float64';
}

const truth: Record<LogicGateName, (a: number, b: number) => number> = {
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  xor: (a, b) => a ^ b,
  nand: (a, b) => 1 - (a & b),
  nor: (a, b) => 1 - (a | b),
  xnor: (a, b) => 1 - (a ^ b),
};

/**
 * The four input pairs (0,0), (0,1), (1,0), (1,1) of a two-input Boolean function, x [4, 2], with the
 * output as an int32 label y [4]. AND and OR are linearly separable (a perceptron learns them); XOR
 * is not (Minsky & Papert, 1969) and needs a hidden layer.
 * @see M. Minsky, S. Papert, "Perceptrons", MIT Press, 1969
 */
export function logicGate(gate: LogicGateName, { encoding = 'binary', dtype = 'float32' }: LogicGateOptions = {}): Dataset {
  const op = 'logicGate';
  const f = truth[gate];
  if (typeof f !== 'function' || !Object.hasOwn(truth, gate)) throw new ValueError(op, `unknown gate ${JSON.stringify(gate)}; expected one of ${Object.keys(truth).join(', ')}`);
  if (encoding !== 'binary' && encoding !== 'bipolar') throw new ValueError(op, `encoding must be 'binary' or 'bipolar', got ${String(encoding)}`);
  const pairs = [[0, 0], [0, 1], [1, 0], [1, 1]];
  const x = Float64Array.from(pairs.flat(), (v) => (encoding === 'bipolar' ? 2 * v - 1 : v));
  const y = Int32Array.from(pairs, ([a, b]) => f(a, b));
  return labelled(x, y, 2, dtype);
}
