/**
 * Makes print copies (print-copies.ts) for photos held from before migration
 * 0023, in the background, one photo a step. Resumable by construction: what is
 * left to do is "every photo with no photo_print_copies row", so a job stopped
 * by a lock, a crash or a closed app simply carries on at its next start.
 *
 * Started by the access pack's review (access-pack/access-pack-handlers.ts),
 * the first step of every pack in the app, with that client's photos first:
 * the owner spends minutes reviewing, and by the export the copies are there.
 * It needs the clinical key to read originals and write copies (only the owner
 * and practitioners hold it), and nothing else reads the copies, so sign-in
 * does no extra work. A pack exported before the job reached its photos scales
 * the originals instead, as before.
 *
 * Never holds the thread for long: each step's synchronous parts are one
 * bounded query (at most SCAN_ROWS rows), one small transaction, and the
 * decryption of one photo; the decode and encode run on sharp's own threads.
 * Between steps it yields to the event loop and pauses, so calls from the
 * window go first. A photo whose original cannot be read or decoded is
 * skipped for the rest of the run and tried again at the next.
 */
import { AppError } from '../../contract/errors';
import type { Db } from '../db/types';
import type { FileStore } from '../files/file-store';
import type { Clock, Logger } from '../platform/ports';
import { releaseBuffer } from '../platform/release-buffer';
import { printCopyOf, storePrintCopy } from './print-copies';

export interface PrintCopyJobDeps {
  db: Db;
  files: FileStore;
  clock: Clock;
  logger: Logger;
  /** Who the copies are recorded as made by (the member of staff whose session runs the job). */
  actorId: string;
}

export interface PrintCopyJobOptions {
  /** Whose photos go first (the client whose pack is being reviewed). */
  firstClientId?: string;
  signal?: AbortSignal;
  /** Pause between photos, leaving the CPU to calls from the window. */
  pauseMs?: number;
}

export interface PrintCopyJobResult {
  made: number;
  skipped: number;
  /** True when it ended before every photo had a copy (stopped, or the vault locked). */
  stopped: boolean;
}

/** Rows looked at per query when searching for the next photo without a copy: bounds each step's query. */
const SCAN_ROWS = 500;
const DEFAULT_PAUSE_MS = 20;

const running = new WeakMap<Db, Promise<PrintCopyJobResult>>();

/** Starts the job for this vault unless one is already running (then that one's result). */
export function startPrintCopyJob(deps: PrintCopyJobDeps, opts: PrintCopyJobOptions = {}): Promise<PrintCopyJobResult> {
  const existing = running.get(deps.db);
  if (existing) return existing;
  const job = runPrintCopyJob(deps, opts).finally(() => running.delete(deps.db));
  job.catch(() => undefined);
  running.set(deps.db, job);
  return job;
}

/** Whether a job is running for this vault. */
export function printCopyJobRunning(db: Db): boolean {
  return running.has(db);
}

interface Candidate {
  rowid: number;
  id: string;
  file_id: string;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The session is over (locked, signed out, closed): the job stops and resumes at its next start. */
function sessionEnded(db: Db, err: unknown): boolean {
  return !db.open || (err instanceof AppError && (err.code === 'FORBIDDEN' || err.code === 'NOT_SIGNED_IN'));
}

/** Runs until every photo has a copy, the signal stops it, or the session ends. */
export async function runPrintCopyJob(deps: PrintCopyJobDeps, opts: PrintCopyJobOptions = {}): Promise<PrintCopyJobResult> {
  const { db, files, logger } = deps;
  const pause = opts.pauseMs ?? DEFAULT_PAUSE_MS;
  const skip = new Set<string>();
  let made = 0;
  let cursor = 0;
  let firstClientDone = opts.firstClientId === undefined;

  const without = `NOT EXISTS (SELECT 1 FROM photo_print_copies c WHERE c.photo_id = p.id)`;
  const nextOfClient = (clientId: string): Candidate | undefined =>
    (db.prepare(`SELECT p.rowid, p.id, p.file_id FROM photos p WHERE p.client_id = ? AND ${without} ORDER BY p.rowid`).all(clientId) as Candidate[])
      .find((c) => !skip.has(c.id));
  /** The next photo after the cursor with no copy, looking at no more than SCAN_ROWS rows per call. */
  const nextInVault = (): Candidate | 'none' | 'keep-looking' => {
    const rows = db
      .prepare(`SELECT p.rowid, p.id, p.file_id, ${without} AS missing FROM photos p WHERE p.rowid > ? ORDER BY p.rowid LIMIT ${SCAN_ROWS}`)
      .all(cursor) as (Candidate & { missing: number })[];
    if (rows.length === 0) return 'none';
    const found = rows.find((r) => r.missing === 1 && !skip.has(r.id));
    cursor = found ? found.rowid : rows.at(-1)!.rowid;
    return found ?? 'keep-looking';
  };

  for (;;) {
    await nextTurn();
    if (opts.signal?.aborted) return { made, skipped: skip.size, stopped: true };
    let next: Candidate | undefined;
    try {
      if (!firstClientDone) {
        next = nextOfClient(opts.firstClientId!);
        if (!next) firstClientDone = true;
      }
      if (!next) {
        const found = nextInVault();
        if (found === 'none') return { made, skipped: skip.size, stopped: false };
        if (found === 'keep-looking') continue;
        next = found;
      }
    } catch (err) {
      if (sessionEnded(db, err)) return { made, skipped: skip.size, stopped: true };
      throw err;
    }
    try {
      const original = await files.readToBuffer(next.file_id);
      const copy = await printCopyOf(original).finally(() => releaseBuffer(original));
      if (await storePrintCopy(db, files, { photoId: next.id, copy, createdBy: deps.actorId, now: () => deps.clock.now() })) made++;
    } catch (err) {
      if (sessionEnded(db, err)) return { made, skipped: skip.size, stopped: true };
      // The photo was destroyed meanwhile, or its original does not decode: not this job's to mend.
      skip.add(next.id);
      logger.warn('print copy not made', { photoId: next.id, code: err instanceof AppError ? err.code : undefined, error: err instanceof Error ? err.message : String(err) });
    }
    if (pause > 0) await wait(pause);
  }
}
