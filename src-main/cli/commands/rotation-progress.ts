/** Prints a database key rotation's progress on stderr (stdout keeps the result, for scripts). */
import type { CoreApi } from '../../core/app';
import type { RotationProgress } from '../../core/vault/key-rotation';

const STEP_TEXT: Record<RotationProgress['step'], string> = {
  'keyring-extended': 'New key given to every current key slot.',
  'database-closed': 'Database closed for re-encryption.',
  rekeying: 'Re-encrypting the database',
  reopened: 'Database reopened with the new key.',
  'keyring-trimmed': 'Old key removed from the keyring.',
  done: 'Done.',
};

export function printRotationProgress(api: CoreApi): () => void {
  return api.core.onRotationProgress((p) => {
    const pages = p.step === 'rekeying' && p.pagesTotal ? `: ${p.pagesDone ?? 0} of ${p.pagesTotal} pages` : '';
    process.stderr.write(`${STEP_TEXT[p.step]}${pages}\n`);
  });
}
