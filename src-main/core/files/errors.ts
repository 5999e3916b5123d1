/**
 * How the file store's failures reach the user. Only disk-full and damage get
 * their own codes; anything else stays a plain error and is logged as INTERNAL.
 */
import { AppError } from '../../contract/errors';
import { errnoOf } from '../platform/fs-errors';

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

export function isMissingFile(err: unknown): boolean {
  return errnoOf(err) === 'ENOENT';
}

/** ENOSPC and friends become DISK_FULL; everything else is returned unchanged. */
export function mapDiskFull(err: unknown): unknown {
  if (err instanceof AppError) return err;
  if (DISK_FULL_CODES.has(errnoOf(err) ?? '')) return new AppError('DISK_FULL', undefined, { cause: err });
  return err;
}

/** Any failure while reading a blob means the stored file cannot be trusted: FILE_DAMAGED. */
export function mapReadFailure(err: unknown): unknown {
  if (err instanceof AppError || isAbortError(err)) return err;
  return new AppError('FILE_DAMAGED', undefined, { cause: err });
}

export function tooLarge(maxBytes: number): AppError {
  const mb = maxBytes / (1024 * 1024);
  const shown = Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
  const message = `That file is larger than the limit of ${shown} MB. Choose a smaller file.`;
  return new AppError('VALIDATION', message, { issues: [{ field: 'file', message }] });
}
