/**
 * The duplicate check at the command line (docs/duplicates.md). The core
 * refuses a client who may already be on file (POSSIBLE_DUPLICATE); here the
 * refusal names the possible matches by id and says how to confirm a
 * different person: `--not-duplicate-of ID[,ID…]`.
 */
import { AppError } from '../../contract/errors';
import { DUPLICATE_REASON_LABELS } from '../../contract/duplicate-types';
import type { ClientIdentity } from '../../contract/record-types';
import { formatUkDate } from '../../contract/uk-formats';
import type { CoreApi } from '../../core/app';
import { UsageError } from '../cli-context';

/** The ids given to --not-duplicate-of, comma-separated. */
export function notDuplicateIds(option: string | undefined): string[] {
  if (option === undefined) return [];
  const ids = option.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (ids.length === 0) throw new UsageError('--not-duplicate-of needs the id of the client who is a different person.');
  return ids;
}

/** Runs `write`; a POSSIBLE_DUPLICATE refusal comes back naming each match and the option that confirms it. */
export async function withDuplicateMatches<T>(api: CoreApi, identity: Partial<ClientIdentity>, excludeClientId: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'POSSIBLE_DUPLICATE') throw err;
    const { matches } = await api.call('clients.findPossibleDuplicates', {
      firstName: identity.firstName ?? '',
      lastName: identity.lastName ?? '',
      preferredName: identity.preferredName ?? '',
      dateOfBirth: identity.dateOfBirth ?? '',
      email: identity.email ?? '',
      mobile: identity.mobile ?? '',
      ...(excludeClientId ? { excludeClientId } : {}),
    });
    const named = matches
      .map((m) => `${m.firstName} ${m.lastName}, born ${formatUkDate(m.dateOfBirth)} [${m.id}]: ${m.reasons.map((r) => DUPLICATE_REASON_LABELS[r]).join(', ')}`)
      .join('; ');
    const ids = matches.map((m) => m.id).join(',');
    throw new AppError('POSSIBLE_DUPLICATE', `${err.message} Possible matches: ${named}. If this is a different person, run it again with --not-duplicate-of ${ids}.`);
  }
}
