/**
 * What the core needs from the place it runs in. Electron, the browser host,
 * the CLI, tests and the benchmark each supply these; the core never reaches
 * for globals like Date.now or console directly where a test would want control.
 */
import type { CallProgress } from '../../contract/api';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/**
 * Key-derivation cost. 'production' is tuned so one unlock takes 0.3-0.6 s on a
 * front-desk PC; 'test' is cheap and only ever chosen by tests and the dev host.
 * The parameters are stored in each key slot, so this only affects slots it creates.
 */
export type KdfCost = 'production' | 'test';

/** How far a long request has got (a synthetic seed); `task` is the contract method doing the work. */
export interface ProgressEvent {
  task: string;
  phase: string;
  done: number;
  total: number;
}

/** Where progress goes: the CLI prints it on stderr; the app and tests may ignore it. */
export type ProgressSink = (event: ProgressEvent) => void;

/**
 * What one call may carry besides its input (docs/core-worker.md): where its
 * progress goes, and a signal that asks it to stop. The core worker fills these
 * in from its messages; the CLI and tests may pass them to dispatch directly.
 */
export interface CallOptions {
  onProgress?: (progress: CallProgress) => void;
  signal?: AbortSignal;
  /**
   * A stop asked for while the call runs without giving up its thread: the
   * core worker reads a flag in memory it shares with its client (a
   * SharedArrayBuffer), which a 'cancel' message could not reach until the
   * call ended. Checked by `throwIfStopped`.
   */
  stopRequested?: () => boolean;
}

/** What a handler sees of its call: report progress, and notice when it is asked to stop. */
export interface CallContext {
  progress(progress: CallProgress): void;
  signal: AbortSignal;
  /**
   * Throws the abort (the dispatcher answers CANCELLED) if the caller has asked
   * the call to stop, by its signal or, mid-way through synchronous work, by
   * CallOptions.stopRequested. Long loops call it between steps.
   */
  throwIfStopped(): void;
}

export interface CoreOptions {
  vaultDir: string;
  /**
   * The app's own folder on this PC, outside the vault folder (Electron's
   * userData). It keeps a rollback record per vault, so an older copy of the
   * whole vault folder is still noticed (docs/audit-anchoring.md).
   */
  stateDir: string;
  /**
   * The vault folder's process lock (vault/process-lock.ts) is already held by the
   * process this core runs in: the core worker's parent takes it, so that a worker
   * that crashes leaves the lock with the live process that restarts it.
   */
  processLockHeldByParent?: boolean;
  appVersion: string;
  clock?: Clock;
  logger?: Logger;
  kdfCost?: KdfCost;
  progress?: ProgressSink;
  /**
   * Run the owner's quick page check in the background after sign-in. The app
   * and the browser host turn it on; the CLI (one command, then exit), tests
   * and benchmarks leave it off unless they are about it.
   */
  quickCheckAtSignIn?: boolean;
}
