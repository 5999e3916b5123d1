import type { Migration } from '../migration-types';
import type { Db } from '../types';

/**
 * Consent evidence and the 2021 Act in the catalogue (issue #11 items 4 and 5;
 * docs/consent-rules.md).
 *
 * 1. Each consent purpose has a standard wording, pre-filled when a consent is
 *    recorded (Art 7(1): the clinic must show what the person was told). The
 *    built-in purposes get one; the owner edits them and writes their own.
 * 2. consent_current carries the wording id of the grant in force (NULL when
 *    the event in force is not a grant, or is per treatment: the rows the
 *    marketing export never reads), beside its notice id, so the export can
 *    leave out a consent whose evidence is incomplete (no notice or no
 *    wording) from its covering index alone, without reading the ledger. The
 *    trigger and the index are recreated as 0009 made them, with the one
 *    column added; the rows are filled from the ledger once.
 * 3. The treatment catalogue can no longer switch the 2021 Act off: the skin
 *    booster (an injectable hyaluronic acid) counts as a filler, every toxin or
 *    filler type is injectable (batch, expiry, recall), and a custom injectable
 *    whose toxin/filler box was simply left unticked is marked unanswered, so
 *    the owner is asked again and, until then, the under-18 rule applies to it.
 */
/**
 * Fills consent_current.wording_id from the ledger. The notice-basis trigger on
 * consent_current (migration 0009) would otherwise run once per row for a
 * column it does not read (it follows state and notice_id only): at 50,000
 * clients that was seconds of the first sign-in after the update. It is set
 * aside for this one statement and put back exactly as stored.
 */
export function fillWordingIds(db: Db): void {
  const trigger = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'consent_notice_basis_on_update'`).get() as
    | { sql: string }
    | undefined;
  if (trigger) db.exec('DROP TRIGGER consent_notice_basis_on_update');
  // Only the rows the export reads: the others stay NULL, as the trigger leaves them.
  db.exec(`UPDATE consent_current SET wording_id = (SELECT e.wording_id FROM consent_events e WHERE e.seq = consent_current.event_seq)
            WHERE state = 'granted' AND scope_key = ''`);
  if (trigger) db.exec(trigger.sql);
}

export const migration0015: Migration = {
  version: 15,
  name: 'consent-evidence-and-2021-act',
  up(db) {
    db.exec(`
      ALTER TABLE consent_purposes ADD COLUMN standard_wording TEXT NOT NULL DEFAULT '';
      -- {clinic} is the clinic's name, filled in when the purposes are read (core/consent/purposes.ts).
      UPDATE consent_purposes SET standard_wording = CASE id
        WHEN 'marketing.email' THEN 'I would like {clinic} to email me news and offers about its treatments. I can unsubscribe at any time using the link in every email.'
        WHEN 'marketing.sms' THEN 'I would like {clinic} to send me news and offers about its treatments by text message. I can stop them at any time by replying STOP.'
        WHEN 'marketing.phone' THEN 'I am happy for {clinic} to telephone me about its treatments and offers. I can ask it to stop calling at any time.'
        WHEN 'marketing.post' THEN 'I would like {clinic} to post me news and offers about its treatments. I can ask it to stop at any time.'
        WHEN 'marketing.messenger' THEN 'I would like {clinic} to message me on Facebook Messenger about its treatments and offers. I can ask it to stop at any time.'
        WHEN 'reminders.email' THEN '{clinic} may email me reminders about my appointments.'
        WHEN 'reminders.sms' THEN '{clinic} may text me reminders about my appointments.'
        WHEN 'photo.clinical-record' THEN 'My photos may be kept in my clinical record at {clinic} to plan and review my treatment.'
        WHEN 'photo.insurer' THEN 'My photos may be shared with {clinic}’s insurer if needed for a claim or complaint.'
        WHEN 'photo.training' THEN 'My photos may be used to train {clinic}’s staff. They will not be shown outside the clinic.'
        WHEN 'photo.website-social' THEN 'My photos may be shown on {clinic}’s website and social media. I can withdraw this at any time, and they will be taken down.'
        WHEN 'treatment' THEN 'I have been told what the treatment involves, its risks, side effects and alternatives, and I consent to it.'
        ELSE standard_wording END
       WHERE built_in = 1;

      ALTER TABLE consent_current ADD COLUMN wording_id INTEGER;
      DROP INDEX IF EXISTS consent_current_by_purpose;
    `);
    fillWordingIds(db);
    db.exec(`
      DROP TRIGGER IF EXISTS consent_current_follows_ledger;
      CREATE TRIGGER consent_current_follows_ledger AFTER INSERT ON consent_events
      BEGIN
        INSERT INTO consent_current (client_id, purpose_id, scope_key, event_seq, state, occurred_at,
                                     basis, tps_checked_on, tps_registered, explicit_regrant, notice_id, wording_id)
        VALUES (NEW.client_id, NEW.purpose_id, coalesce(NEW.treatment_id, ''), NEW.seq, NEW.state, NEW.occurred_at,
                NEW.basis, NEW.tps_checked_on, NEW.tps_registered, NEW.explicit_regrant, NEW.notice_id,
                CASE WHEN NEW.state = 'granted' AND coalesce(NEW.treatment_id, '') = '' THEN NEW.wording_id END)
        ON CONFLICT (client_id, purpose_id, scope_key) DO UPDATE
          SET event_seq = excluded.event_seq, state = excluded.state, occurred_at = excluded.occurred_at,
              basis = excluded.basis, tps_checked_on = excluded.tps_checked_on,
              tps_registered = excluded.tps_registered, explicit_regrant = excluded.explicit_regrant,
              notice_id = excluded.notice_id, wording_id = excluded.wording_id
          WHERE excluded.occurred_at >= consent_current.occurred_at;
      END;
      -- Covering, and only the rows the marketing export reads: granted, not per treatment.
      CREATE INDEX consent_current_by_purpose ON consent_current
        (purpose_id, client_id, occurred_at, explicit_regrant, basis, tps_checked_on, tps_registered, notice_id, wording_id)
        WHERE state = 'granted' AND scope_key = '';

      -- 1 when the owner has said whether the type is botulinum toxin or a dermal filler.
      ALTER TABLE treatment_types ADD COLUMN toxin_or_filler_answered INTEGER NOT NULL DEFAULT 1
        CHECK (toxin_or_filler_answered IN (0, 1));
      UPDATE treatment_types SET injectable = 1, toxin_or_filler = 1
       WHERE id IN ('tt_toxin', 'tt_filler', 'tt_skin_booster');
      UPDATE treatment_types SET injectable = 0, toxin_or_filler = 0
       WHERE id IN ('tt_chemical_peel', 'tt_microneedling', 'tt_laser', 'tt_other');
      UPDATE treatment_types SET injectable = 1 WHERE toxin_or_filler = 1;
      UPDATE treatment_types SET toxin_or_filler_answered = 0
       WHERE injectable = 1 AND toxin_or_filler = 0
         AND id NOT IN ('tt_toxin', 'tt_filler', 'tt_skin_booster', 'tt_chemical_peel', 'tt_microneedling', 'tt_laser', 'tt_other');
    `);
  },
};
