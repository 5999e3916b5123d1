/**
 * Background threads (today the backup's file threads, backup-io-worker.ts)
 * run at a lower scheduling priority than the threads that answer staff: on
 * a two-core front-desk PC, four file threads hashing and writing keep both
 * cores busy for the length of a first snapshot, and
 * the core's own thread and the window's must not queue behind them for a
 * core (bench/backup.ts reports the core thread's longest stall: 40–400 ms
 * during a first snapshot on the loaded development machine, with or without
 * this, so it is not the only cause there). At a lower priority they still
 * take every idle cycle; they only give way.
 *
 * Linux schedules each thread on its own, and a thread may lower its own
 * priority without privileges: the thread's id comes from /proc/thread-self.
 * Elsewhere (Windows, macOS) Node can set a priority only for the whole
 * process, which would slow the app itself, so nothing is changed there.
 */
import { readlinkSync } from 'node:fs';
import { constants, getPriority, setPriority } from 'node:os';

/** Lowers the calling thread's priority (Linux); true if it did. */
export function lowerThisThreadsPriority(): boolean {
  let tid: number;
  try {
    // "<pid>/task/<tid>"
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return false;
  }
  if (!Number.isInteger(tid) || tid <= 0) return false;
  try {
    setPriority(tid, Math.max(getPriority(tid), constants.priority.PRIORITY_BELOW_NORMAL));
    return true;
  } catch {
    // Not allowed here (a sandbox without setpriority): the thread simply keeps its priority.
    return false;
  }
}
