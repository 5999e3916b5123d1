/**
 * Migration 0015 on a vault made the schema-13 way:
 * consent_current gains the wording id of the event in force (and the trigger
 * keeps it), the notice-basis trigger still follows the ledger, each built-in
 * purpose has its standard wording, and the catalogue's 2021 Act answers are
 * fixed: the skin booster is a filler, a toxin is injectable, an unticked
 * custom injectable is marked unanswered.
 */
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-vault';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { migration0015 } from './migrations/0015-consent-evidence-and-2021-act';
import { createDatabase } from './open-database';
import type { Db } from './types';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function vaultAt13(): Db {
  const tmp = makeTempDir('cv-0014-');
  cleanup = tmp.cleanup;
  const db = createDatabase(join(tmp.dir, 'vault.db'), randomBytes(32));
  migrate(db, MIGRATIONS, MIGRATIONS.indexOf(migration0015));
  db.prepare(`INSERT INTO staff (id, username, display_name, role, created_at) VALUES ('st_o', 'o', 'Olivia Owner', 'owner', '2026-01-01T00:00:00Z')`).run();
  db.prepare(`INSERT INTO privacy_notices (id, version_label, effective_on, text, created_at, created_by) VALUES ('pn_1', 'v1', '2026-01-01', 'Text.', '2026-01-01T09:00:00Z', 'st_o')`).run();
  db.prepare(
    `INSERT INTO clients (id, first_name, last_name, created_at, updated_at, last_interaction_at)
     VALUES ('cl_1', 'Ada', 'Ames', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
  ).run();
  db.prepare(`INSERT INTO consent_wordings (id, text) VALUES (7, 'Yes to email offers.')`).run();
  const event = db.prepare(
    `INSERT INTO consent_events (id, client_id, purpose_id, state, occurred_at, recorded_at, recorded_by, method, notice_id, wording_id)
     VALUES (?, 'cl_1', ?, 'granted', '2026-02-01T10:00:00Z', '2026-02-01T10:00:00Z', 'st_o', 'paper-form', ?, ?)`,
  );
  event.run('ce_1', 'marketing.email', 'pn_1', 7);
  event.run('ce_2', 'marketing.post', null, null);
  const type = db.prepare(`INSERT INTO treatment_types (id, name, injectable, toxin_or_filler, sort_order) VALUES (?, ?, ?, ?, 100)`);
  type.run('tt_custom_flip', 'Lip flip toxin', 1, 0);
  type.run('tt_custom_cannula', 'Cannula filler', 0, 1);
  type.run('tt_custom_led', 'LED light', 0, 0);
  return db;
}

const current = (db: Db) =>
  db.prepare(`SELECT purpose_id, notice_id, wording_id FROM consent_current WHERE client_id = 'cl_1' ORDER BY purpose_id`).all();

describe('migration 0015', () => {
  it('fills consent_current.wording_id from the ledger, and the trigger keeps it with each new event', () => {
    const db = vaultAt13();
    migrate(db);
    expect(current(db)).toEqual([
      { purpose_id: 'marketing.email', notice_id: 'pn_1', wording_id: 7 },
      { purpose_id: 'marketing.post', notice_id: null, wording_id: null },
    ]);
    db.prepare(
      `INSERT INTO consent_events (id, client_id, purpose_id, state, occurred_at, recorded_at, recorded_by, method, notice_id, wording_id)
       VALUES ('ce_3', 'cl_1', 'marketing.post', 'granted', '2026-03-01T10:00:00Z', '2026-03-01T10:00:00Z', 'st_o', 'in-person', 'pn_1', 7)`,
    ).run();
    expect(current(db)[1]).toEqual({ purpose_id: 'marketing.post', notice_id: 'pn_1', wording_id: 7 });
    // Only a grant carries it: the export reads granted rows alone.
    db.prepare(
      `INSERT INTO consent_events (id, client_id, purpose_id, state, occurred_at, recorded_at, recorded_by, method, notice_id, wording_id)
       VALUES ('ce_4', 'cl_1', 'marketing.email', 'withdrawn', '2026-03-02T10:00:00Z', '2026-03-02T10:00:00Z', 'st_o', 'phone', NULL, 7)`,
    ).run();
    expect(current(db)[0]).toEqual({ purpose_id: 'marketing.email', notice_id: null, wording_id: null });
    // The notice-basis trigger set aside for the fill is back: the client now rests on a notice only.
    expect(db.prepare(`SELECT no_notice FROM consent_notice_basis WHERE client_id = 'cl_1'`).get()).toEqual({ no_notice: 0 });
    db.close();
  });

  it("gives the built-in purposes their standard wording and fixes the catalogue's 2021 Act answers", () => {
    const db = vaultAt13();
    migrate(db);
    const wording = db.prepare(`SELECT standard_wording AS w FROM consent_purposes WHERE id = 'marketing.email'`).get() as { w: string };
    expect(wording.w).toMatch(/^I would like \{clinic\} to email me/);
    const types = db.prepare(`SELECT id, injectable, toxin_or_filler, toxin_or_filler_answered FROM treatment_types ORDER BY id`).all();
    expect(types).toEqual(
      expect.arrayContaining([
        { id: 'tt_skin_booster', injectable: 1, toxin_or_filler: 1, toxin_or_filler_answered: 1 },
        { id: 'tt_custom_flip', injectable: 1, toxin_or_filler: 0, toxin_or_filler_answered: 0 },
        { id: 'tt_custom_cannula', injectable: 1, toxin_or_filler: 1, toxin_or_filler_answered: 1 },
        { id: 'tt_custom_led', injectable: 0, toxin_or_filler: 0, toxin_or_filler_answered: 1 },
        { id: 'tt_laser', injectable: 0, toxin_or_filler: 0, toxin_or_filler_answered: 1 },
      ]),
    );
    db.close();
  });
});
