/**
 * Operating-system errors become errors a receptionist can act on. Anything
 * not recognised is passed through untouched so it is logged as INTERNAL.
 */
import { AppError } from '../../contract/errors';

export function errnoOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;
}

export function toFsAppError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  switch (errnoOf(err)) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'SQLITE_FULL':
      return new AppError('DISK_FULL', undefined, { cause: err });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'SQLITE_READONLY':
    case 'SQLITE_CANTOPEN':
      return new AppError('VAULT_NOT_WRITABLE', undefined, { cause: err });
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('VAULT_FOLDER_MISSING', undefined, { cause: err });
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return new AppError('DATABASE_DAMAGED', undefined, { cause: err });
    default:
      return err;
  }
}

/** Runs fn and rethrows OS and SQLite errors as AppErrors. */
export function withFsErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toFsAppError(err);
  }
}
