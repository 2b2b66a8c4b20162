export { workerExecutor } from './node/worker-executor';
export type { WorkerExecutorOptions } from './node/worker-executor';
export { appendTrialLog, readTrialLog } from './node/trial-log-file';
export { terminalProgress } from './node/terminal-progress';
export type { TerminalProgressOptions } from './node/terminal-progress';
