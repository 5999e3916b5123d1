/**
 * Writing into a backup set: every file goes to a temp name, is fsynced and
 * then renamed, so a drive unplugged or a process killed mid-write leaves a
 * temp file (cleared by the next run), never a file that looks whole but is not.
 * Hashing happens while the bytes pass, so a copy is read once.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../contract/errors';
import { errnoOf } from '../platform/fs-errors';
import { fsyncDirectory } from '../files/durable-write';

/** 1 MiB reads: large enough for the disk, small enough that a cancel is seen quickly. */
const CHUNK = 1024 * 1024;

/** A destination error the owner can act on; others pass through. */
export function destinationError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  switch (errnoOf(err)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('BACKUP_DESTINATION_FULL', undefined, { cause: err });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppError('BACKUP_DESTINATION_READ_ONLY', undefined, { cause: err });
    case 'ENOENT':
    case 'ENOTDIR':
    case 'EIO':
    case 'ENODEV':
    case 'ENXIO':
      return new AppError('BACKUP_DESTINATION_MISSING', undefined, { cause: err });
    default:
      return err;
  }
}

export async function sha256OfFile(path: string, signal?: AbortSignal): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK, signal })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Copies `from` to `temp` (which must not exist), hashing it on the way, and
 * fsyncs it. On any failure the temp file is removed.
 */
export async function copyToTemp(from: string, temp: string, signal?: AbortSignal): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  await mkdir(dirname(temp), { recursive: true, mode: 0o700 });
  const out = await open(temp, 'wx', 0o600);
  let done = false;
  try {
    for await (const chunk of createReadStream(from, { highWaterMark: CHUNK, signal })) {
      const buf = chunk as Buffer;
      hash.update(buf);
      size += buf.length;
      let written = 0;
      while (written < buf.length) written += (await out.write(buf, written, buf.length - written)).bytesWritten;
    }
    await out.sync();
    await out.close();
    done = true;
  } finally {
    if (!done) {
      await out.close().catch(() => undefined);
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }
  return { sha256: hash.digest('hex'), size };
}

/** copyToTemp, then the rename to `to`. */
export async function copyFileDurably(from: string, temp: string, to: string, signal?: AbortSignal): Promise<{ sha256: string; size: number }> {
  const entry = await copyToTemp(from, temp, signal);
  await mkdir(dirname(to), { recursive: true, mode: 0o700 });
  await rename(temp, to);
  return entry;
}

/** Writes small contents to temp, fsyncs, renames to target, fsyncs the folder. */
export async function writeSmallFileDurably(target: string, contents: string | Buffer): Promise<void> {
  const temp = `${target}.tmp`;
  await rm(temp, { force: true });
  const fh = await open(temp, 'wx', 0o600);
  try {
    await fh.writeFile(contents);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(temp, target);
  await fsyncDirectory(dirname(target));
}

/** fsyncs a file written by someone else (SQLite's VACUUM INTO) before it is renamed into place. */
export async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
