/**
 * Crash-safe small-file writes: write a temp file beside the target, fsync it,
 * rename it over the target, then fsync the folder so the rename itself is
 * durable. A reader sees the old file or the new one, never half of either.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

export function writeFileAtomicSync(target: string, contents: string | Buffer): void {
  const temp = `${target}.tmp-${randomBytes(6).toString('hex')}`;
  const data = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx', 0o600);
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, target);
  } catch (err) {
    if (fd !== null) closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  fsyncDirectory(dirname(target));
}

/** Best effort: Windows cannot open a directory for fsync, and renames there are already durable. */
export function fsyncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // not supported on this platform
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
