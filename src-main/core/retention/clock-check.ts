/**
 * A retention run trusts the computer's date: a clock set years ahead would
 * make every record look due, and one set back would hide what is due. The
 * forward case cannot be told apart from a real date; the backward one can:
 * "today" earlier than the newest thing in the vault (docs/retention.md,
 * "The computer's date").
 *
 * The newest record is the latest of: the audit log's last entry (every
 * change writes one, stamped by the same clock), the latest client
 * interaction and the latest treatment date. All three are read by index
 * (or the audit log's last row), so the check costs well under a millisecond.
 */
import { AppError } from '../../contract/errors';
import { londonToday } from '../../contract/field-schemas';
import { formatUkDate } from '../../contract/uk-formats';
import type { Db } from '../db/types';

/** YYYY-MM-DD (London) of the newest record in the vault, or null for an empty vault. */
export function newestRecordDay(db: Db): string | null {
  const audit = db.prepare('SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { at: string } | undefined;
  const interaction = db.prepare('SELECT max(last_interaction_at) AS at FROM clients').get() as { at: string | null };
  const treated = db.prepare('SELECT max(treated_on) AS d FROM treatments').get() as { d: string | null };
  const days = [
    audit ? londonToday(new Date(audit.at)) : null,
    interaction.at ? londonToday(new Date(interaction.at)) : null,
    treated.d,
  ].filter((d): d is string => d !== null);
  return days.length ? days.reduce((a, b) => (a > b ? a : b)) : null;
}

/**
 * Refuses with AppError 'CLOCK_LOOKS_WRONG' when `today` (YYYY-MM-DD) is
 * earlier than the newest record in the vault. Called by the queue and by
 * every destroy/anonymise run, with the computer's own date.
 */
export function requirePlausibleToday(db: Db, today: string): void {
  const newest = newestRecordDay(db);
  if (newest && today < newest) {
    throw new AppError(
      'CLOCK_LOOKS_WRONG',
      `The computer’s date looks wrong: it says ${formatUkDate(today)}, but the vault holds records from ${formatUkDate(newest)}. ` +
        'Nothing was changed. Correct the date and time in the computer’s settings, then try again.',
    );
  }
}
