/**
 * What the core needs from the place it runs in. Electron, the browser host,
 * the CLI, tests and the benchmark each supply these; the core never reaches
 * for globals like Date.now or console directly where a test would want control.
 */
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

export interface CoreOptions {
  vaultDir: string;
  /**
   * The app's own folder on this PC, outside the vault folder (Electron's
   * userData). It keeps a rollback record per vault, so an older copy of the
   * whole vault folder is still noticed (docs/audit-anchoring.md).
   */
  stateDir: string;
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
