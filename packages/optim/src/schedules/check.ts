import { ValueError } from '@nn/tensor';

/** Throws a ValueError naming `op` unless `value` is a finite number (and > 0 when `positive`). */
export function checkNumber(op: string, name: string, value: unknown, { positive = false, integer = false } = {}): void {
  const ok = typeof value === 'number' && Number.isFinite(value) && (!positive || value > 0) && (!integer || Number.isInteger(value));
  if (!ok) {
    const expected = `a finite${positive ? ' positive' : ''} ${integer ? 'integer' : 'number'}`;
    throw new ValueError(op, `${name} must be ${expected}, got ${String(value)}`);
  }
}
