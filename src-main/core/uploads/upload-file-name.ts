/** The name an upload is shown by: a label, never a path (stage-upload.ts). */
import { AppError } from '../../contract/errors';
import { withoutUnsafeLineCharacters } from '../../contract/text-rules';

const MAX_FILE_NAME = 255;

/** Keeps only the last path segment, without control characters: a label, never a path. */
export function cleanFileName(name: unknown): string {
  if (typeof name !== 'string' || name.length > MAX_FILE_NAME) {
    throw new AppError('VALIDATION', 'The file name is missing or too long.', {
      issues: [{ field: 'fileName', message: `Use a file name of at most ${MAX_FILE_NAME} characters.` }],
    });
  }
  const last = name.split(/[\\/]/).pop() ?? '';
  // Control characters (newlines, escapes) could forge lines in a CLI listing or a log, and a
  // right-to-left override makes "photo\u202egpj.exe" show as "photoexe.jpg" (docs/text-hygiene.md).
  const base = withoutUnsafeLineCharacters(last);
  return base.trim() || 'upload';
}
