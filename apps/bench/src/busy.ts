import { type ChildProcess, spawn } from 'node:child_process';

/** A CPU-bound child process holding one core, and how to stop it. */
export interface BusyProcess {
  readonly pid: number;
  /** Kills the child and resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * `--busy`: starts a Node child process that spins (`for (;;) {}`) on one core for the whole run, so
 * that the threaded backends are measured on a machine where one core is taken, as a shared machine
 * often is (issue 15: a threaded backend must never lose more than 10 % to the one-thread one then).
 * The child is killed by `stop()`, and when this process exits.
 */
export function startBusyProcess(): BusyProcess {
  const child: ChildProcess = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  return {
    pid: child.pid ?? -1,
    async stop() {
      process.removeListener('exit', kill);
      kill();
      await exited;
    },
  };
}
