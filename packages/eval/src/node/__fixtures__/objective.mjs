// Objectives for the workerExecutor tests: plain JavaScript that a worker thread can import.
import { threadId } from 'node:worker_threads';

/** (x − 0.3)² plus a seed-dependent term, so that a wrong seed changes the score. */
export function objective({ x, act }, { seed }) {
  return (x - 0.3) ** 2 + (act === 'tanh' ? 0 : 0.5) + (seed % 1000) * 1e-6;
}

/** Fails for x > 0.5, by throwing, and returns NaN for x < −0.5. */
export function flaky({ x }) {
  if (x > 0.5) throw new Error(`diverged at x = ${x.toFixed(3)}`);
  return x < -0.5 ? NaN : x * x;
}

/** The id of the thread that ran it, after keeping it busy for 30 ms so that both threads get trials. */
export function whichThread() {
  const end = Date.now() + 30;
  while (Date.now() < end);
  return threadId;
}
