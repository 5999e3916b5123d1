/**
 * The synthetic clinic's privacy notice: a demo clinic whose consents rest on
 * no notice at all would show "2,000 clients on no notice" the first time
 * anyone opens Settings → Privacy notices, which no real clinic looks like.
 * So a demo (or seeded) clinic is given its first notice, in effect from before
 * its first client registered, and every consent the generator writes rests on
 * it (consent.ts). Written straight into the table, like the rest of the clinic.
 *
 * The text is a short made-up example for a made-up clinic, not legal advice.
 */
import type { Db } from '../db/types';
import { isoDay, isoStamp } from './calendar';
import { Rng } from './random';

export const SYNTHETIC_NOTICE_LABEL = 'v1 (demo)';

export const SYNTHETIC_NOTICE_TEXT = [
  'This made-up demo clinic keeps your details and your treatment records so that we can treat you safely.',
  'We use your medical history, photos and treatment notes only to care for you, and keep them for eight years after your last visit.',
  'We send offers only if you agree, by the ways you choose, and you can stop them at any time.',
  'You can ask to see, correct or receive a copy of what we hold about you; contact our data-protection lead at the clinic.',
  'You can complain to the Information Commissioner’s Office (ico.org.uk).',
].join('\n\n');

/** Stream number of the notice's id (random.ts), apart from every client's streams. */
const NOTICE_STREAM = 0x3f000000;

/** Inserts the notice, in effect `daysBefore` days before `firstDay`; returns its id. */
export function insertSyntheticNotice(db: Db, opts: { seed: number; firstDay: number; ownerId: string; daysBefore?: number }): string {
  const day = opts.firstDay - (opts.daysBefore ?? 30);
  const id = new Rng(opts.seed, NOTICE_STREAM).id('pn');
  db.prepare('INSERT INTO privacy_notices (id, version_label, effective_on, text, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    SYNTHETIC_NOTICE_LABEL,
    isoDay(day),
    SYNTHETIC_NOTICE_TEXT,
    isoStamp(day, 10 * 3600),
    opts.ownerId,
  );
  return id;
}
