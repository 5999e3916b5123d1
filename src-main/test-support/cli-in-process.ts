/**
 * Runs a clinic-vault command inside the test's own process: the program the
 * shipped CLI builds (`runCli` in src-main/cli/run-cli.ts), the same commands,
 * output, one-line errors and exit codes, with the cheap test key derivation
 * (as src-main/test-support/cli-entry.ts). A spawn through tsx costs ~0.6 s
 * before the command even starts; this costs the command only.
 *
 * What a spawned run would see is reproduced for the length of the call:
 *  - stdout and stderr: every write to process.stdout/stderr is captured (so
 *    commands and the core need no stream parameter, and new commands are
 *    covered without changes); stderr reads as "not a terminal", as a pipe does;
 *  - the environment: `env` is laid over process.env and put back afterwards;
 *  - standard input: `input` (default empty, like spawnSync without input);
 *  - the exit code: what the process would exit with (runCli's result, which
 *    includes a command's `process.exitCode`); process.exitCode is put back.
 *
 * Calls are run one at a time (they share the process's streams). What this
 * cannot show: a real process's death (SIGKILL crash tests), the shipped
 * entry's wiring (index.ts, bin/clinic-vault.mjs), or a lock held by another
 * process — keep one spawned test for those (src-main/test-support/cli-process.ts).
 */
import { runCli } from '../cli/run-cli';

export interface CliRun {
  /** The exit code the process would have ended with. */
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** Environment variables for this run; undefined removes one. */
  env?: Record<string, string | undefined>;
  /** Standard input's whole text (passwords for --password-stdin, `-` files). */
  input?: string;
}

type Write = typeof process.stdout.write;

let queue: Promise<unknown> = Promise.resolve();

/** `clinic-vault ...argv` in-process; resolves when the command has finished. */
export function runCliInProcess(argv: string[], opts: CliRunOptions = {}): Promise<CliRun> {
  const run = queue.then(() => runOnce(argv, opts));
  queue = run.catch(() => undefined);
  return run;
}

function capture(stream: NodeJS.WriteStream, chunks: string[]): () => void {
  const own = Object.getOwnPropertyDescriptor(stream, 'write');
  const ownTty = Object.getOwnPropertyDescriptor(stream, 'isTTY');
  const write = ((chunk: string | Uint8Array, encodingOrCb?: BufferEncoding | ((err?: Error) => void), cb?: (err?: Error) => void) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = typeof encodingOrCb === 'function' ? encodingOrCb : cb;
    if (done) queueMicrotask(() => done());
    return true;
  }) as Write;
  Object.defineProperty(stream, 'write', { value: write, configurable: true, writable: true });
  Object.defineProperty(stream, 'isTTY', { value: false, configurable: true, writable: true });
  return () => {
    if (own) Object.defineProperty(stream, 'write', own);
    else delete (stream as { write?: Write }).write;
    if (ownTty) Object.defineProperty(stream, 'isTTY', ownTty);
    else delete (stream as { isTTY?: boolean }).isTTY;
  };
}

async function runOnce(argv: string[], opts: CliRunOptions): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const savedEnv = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(opts.env ?? {})) {
    savedEnv.set(name, process.env[name]);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  const savedExitCode = process.exitCode;
  process.exitCode = undefined;
  const restoreOut = capture(process.stdout, out);
  const restoreErr = capture(process.stderr, err);
  try {
    const code = await runCli(argv, { kdfCost: 'test', stdin: () => opts.input ?? '' });
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    restoreOut();
    restoreErr();
    process.exitCode = savedExitCode;
    for (const [name, value] of savedEnv) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
