/**
 * One process at a time per vault: the app, the dev host and the CLI each take
 * this lock for as long as they have the vault open. A lock left by a process
 * that has died (same machine, pid gone) is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { AppError } from '../../contract/errors';
import { errnoOf, toFsAppError } from '../platform/fs-errors';

interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoOf(err) === 'EPERM';
  }
}

function readLock(path: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' && typeof info.host === 'string' ? info : null;
  } catch {
    return null;
  }
}

/**
 * Who holds the lock, for `clinic-vault status` (which reads only public files
 * and never takes it): null when nobody does. `alive` is false for a lock left
 * by a process on this machine that has died (the next to open takes it over),
 * and null when it was taken on another machine (a shared folder), which this
 * one cannot ask about.
 */
export function lockHolder(path: string): (LockInfo & { alive: boolean | null }) | null {
  const holder = readLock(path);
  if (!holder) return null;
  return { ...holder, alive: holder.host === hostname() ? isAlive(holder.pid) : null };
}

export interface ProcessLock {
  release(): void;
}

export function acquireProcessLock(path: string): ProcessLock {
  const mine: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(mine));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const holder = readLock(path);
        if (holder?.pid === mine.pid && holder.host === mine.host) rmSync(path, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return { release };
    } catch (err) {
      if (errnoOf(err) !== 'EEXIST') throw toFsAppError(err);
      const holder = readLock(path);
      const stale = holder === null || (holder.host === mine.host && !isAlive(holder.pid));
      if (!stale) throw new AppError('VAULT_IN_USE');
      rmSync(path, { force: true });
    }
  }
  throw new AppError('VAULT_IN_USE');
}
