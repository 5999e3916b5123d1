/**
 * Background threads (a backup's file threads, its database copy, the
 * structure check) run at a lower scheduling priority than the threads that
 * answer staff: on a two-core front-desk PC, four file threads hashing and
 * writing at full priority left the core's own thread waiting for a core for
 * 150–400 ms at a time during a first snapshot (bench/backup.ts, core thread's
 * longest stall), so a search typed meanwhile waited as long. At a lower
 * priority they still take every idle cycle; they only give way.
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
