/**
 * The duplicate check as the contract and the create/update calls use it
 * (docs/duplicates.md).
 *
 * How the core enforces "never silently accept a likely duplicate": creating a
 * client (or changing the name, date of birth, email or mobile of one) runs
 * the check inside the same transaction as the write. Any possible duplicate
 * the call does not name in `notDuplicateOf` refuses it with
 * POSSIBLE_DUPLICATE, and nothing is stored. Naming it is the person's
 * "This is a different person": the pair is then recorded in
 * client_distinct_pairs (and in the audit log as client.marked_distinct, ids only), so the same two
 * records are not raised again. The renderer shows the matches before saving;
 * the core is what makes skipping that impossible, for the CLI too.
 */
import { AppError } from '../../contract/errors';
import type { PossibleDuplicate } from '../../contract/duplicate-types';
import type { ParsedInput } from '../../contract/schemas';
import type { ServiceContext } from '../service/service-context';
import type { Db } from '../db/types';
import { type DuplicateProbe, DuplicateFinder } from './duplicates';

const finders = new WeakMap<Db, DuplicateFinder>();

/** One finder per open vault's database handle: its statements are prepared once and dropped with the handle. */
export function duplicateFinder(ctx: Pick<ServiceContext, 'db'>): DuplicateFinder {
  let finder = finders.get(ctx.db);
  if (!finder) {
    finder = new DuplicateFinder(ctx.db);
    finders.set(ctx.db, finder);
  }
  return finder;
}

/** clients.findPossibleDuplicates: not audited, like the search box (it shows no more than a search would). */
export function findPossibleDuplicates(ctx: ServiceContext, input: ParsedInput<'clients.findPossibleDuplicates'>): { matches: PossibleDuplicate[] } {
  const { excludeClientId, ...probe } = input;
  return { matches: duplicateFinder(ctx).find(toProbe(probe), excludeClientId) };
}

export function toProbe(p: DuplicateProbe): DuplicateProbe {
  const nfc = (s: string) => s.normalize('NFC');
  return {
    firstName: nfc(p.firstName),
    lastName: nfc(p.lastName),
    preferredName: nfc(p.preferredName),
    dateOfBirth: p.dateOfBirth,
    email: nfc(p.email),
    mobile: p.mobile,
  };
}

/**
 * Refuses the write if a possible duplicate was not confirmed as a different
 * person; otherwise records each confirmed pair. `before` (an edit) leaves out
 * the matches the record already had: only what this change brings in is asked
 * about, so an old record is never blocked by its own past. Returns the ids
 * confirmed as different people. Call inside the write's transaction.
 */
export function requireConfirmedDuplicates(
  ctx: ServiceContext,
  probe: DuplicateProbe,
  notDuplicateOf: readonly string[],
  opts: { clientId: string; before?: DuplicateProbe },
): string[] {
  const finder = duplicateFinder(ctx);
  const existing = opts.before ? new Set(finder.find(opts.before, opts.clientId).map((m) => m.id)) : new Set<string>();
  const matches = finder.find(probe, opts.clientId).filter((m) => !existing.has(m.id));
  const confirmed = new Set(notDuplicateOf);
  const unconfirmed = matches.filter((m) => !confirmed.has(m.id));
  if (unconfirmed.length > 0) {
    const n = unconfirmed.length;
    throw new AppError(
      'POSSIBLE_DUPLICATE',
      `${n === 1 ? 'A client' : `${n} clients`} already on file may be this person. Check the possible ${n === 1 ? 'match' : 'matches'}: open that record, or confirm this is a different person.`,
    );
  }
  const at = ctx.clock.now().toISOString();
  const distinct = matches.map((m) => m.id);
  for (const other of distinct) {
    finder.markDistinct(opts.clientId, other, ctx.actor.id, at);
    ctx.audit.append({
      staffId: ctx.actor.id,
      action: 'client.marked_distinct',
      subjectType: 'client',
      subjectId: opts.clientId,
      detail: { otherClientId: other },
    });
  }
  return distinct;
}
