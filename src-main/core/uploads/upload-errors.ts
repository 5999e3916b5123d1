/**
 * The upload refusals the browser host gives before a byte reaches the core
 * worker, in a file of their own so the host need not load the core.
 */
import { AppError } from '../../contract/errors';

/** FILE_TOO_LARGE naming the limit, so the person at the desk knows what "smaller" means. */
export function fileTooLarge(maxBytes: number): AppError {
  const mb = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new AppError(
    'FILE_TOO_LARGE',
    `That file is larger than the limit of ${mb} MB set in Settings. Choose a smaller file.`,
  );
}
