import { afterEach, describe, expect, it } from 'vitest';
import type { CoreApi } from '../app';
import { grant } from '../test-support/consent-test-support';
import { importBytes } from '../test-support/photo-test-support';
import { makeJpeg } from '../test-support/test-images';
import { createTestVault, errorCodeOf, type TestVault } from '../test-support/temp-vault';
import { dbOf } from '../test-support/upload-test-support';
import { newClient, signInAs, signInAsOwner } from '../test-support/test-clients';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

const MINUTE = 60_000;

/** The real record and the empty duplicate of issue #10: same person, accent dropped, same DOB and mobile. */
async function twoRecordsOfLaura() {
  tv = await createTestVault();
  const api = tv.api;
  // The grants name what the client was told, so the marketing list counts them (docs/consent-rules.md).
  const { notice } = await api.call('notices.publish', { versionLabel: 'v1', effectiveOn: '2026-01-01', text: 'Our notice.' });
  const told = { noticeId: notice.id, wording: 'Yes, send me offers.' };
  const real = await api.call('clients.create', newClient({ firstName: 'Laura', lastName: 'Ó Briain', dateOfBirth: '1964-06-02', email: 'laura@example.com', mobile: '07700 900461' }));
  await api.call('treatments.create', { clientId: real.id, treatedOn: '2026-10-01', typeId: 'tt_chemical_peel', notes: 'Light peel on the real record', medicalHistoryReviewed: true });
  await api.call('medical.update', { clientId: real.id, changes: { allergies: 'Penicillin' }, reason: '' });
  await grant(api, real.id, 'marketing.email', told);
  tv.clock.advance(MINUTE);
  const dup = await api.call('clients.create', {
    ...newClient({ firstName: 'Laura', lastName: 'O Briain', dateOfBirth: '1964-06-02', email: '', mobile: '07700 900461', postcode: 'BS8 1TH' }),
    notDuplicateOf: [real.id],
  });
  // Its first treatment's review tick records the review in the duplicate's history (one more entry to move).
  const dupTreatment = await api.call('treatments.create', { clientId: dup.id, treatedOn: '2026-11-05', typeId: 'tt_microneedling', notes: 'Notes typed on the duplicate', medicalHistoryReviewed: true });
  const photo = await importBytes(api, dup.id, await makeJpeg(), { treatmentId: dupTreatment.id, area: 'Left cheek' });
  await api.call('medical.update', { clientId: dup.id, changes: { allergies: 'Latex', medications: 'None' }, reason: 'Asked at the desk' });
  await grant(api, dup.id, 'marketing.sms', told);
  await api.call('clients.update', { clientId: dup.id, changes: { occupation: 'Nurse' }, reason: 'Told us' });
  tv.clock.advance(MINUTE);
  return { api, tv, real, dup, dupTreatment, photo };
}

async function mergeAll(api: CoreApi, keptId: string, mergedId: string, extra: { take?: Record<string, 'kept' | 'merged'>; sections?: { medical?: 'kept' | 'merged' } } = {}) {
  const preview = await api.call('clients.mergePreview', { keptId, mergedId });
  return api.call('clients.merge', { keptId, mergedId, planToken: preview.planToken, take: extra.take ?? {}, sections: { medical: 'kept', lifestyle: 'kept', ...extra.sections } });
}

const audited = (api: CoreApi, action: string) =>
  dbOf(api).prepare('SELECT subject_id, detail FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { subject_id: string; detail: string }[];

describe('clients.mergePreview', () => {
  it('shows both records field by field and what would move, and changes nothing', async () => {
    const { api, real, dup } = await twoRecordsOfLaura();
    const preview = await api.call('clients.mergePreview', { keptId: real.id, mergedId: dup.id });
    const field = (f: string) => preview.fields.find((x) => x.field === f);
    expect(field('lastName')).toEqual({ field: 'lastName', kept: 'Ó Briain', merged: 'O Briain', same: false });
    expect(field('dateOfBirth')).toMatchObject({ same: true });
    expect(field('postcode')).toEqual({ field: 'postcode', kept: 'BS1 4DJ', merged: 'BS8 1TH', same: false });
    expect(preview.moves).toEqual({ treatments: 1, photos: 1, consentEvents: 1, historyEntries: 4, disputes: 0, requests: 0 });
    expect(preview.sections).toEqual({ medical: 'both', lifestyle: 'none' });
    // Nothing moved yet: the duplicate still opens and still has its treatment.
    expect((await api.call('treatments.list', { clientId: dup.id })).length).toBe(1);
    expect((await api.call('clients.get', { clientId: dup.id })).id).toBe(dup.id);
  });
});

describe('clients.merge', () => {
  it('moves every treatment, photo, consent and history entry to the kept record, field by field as chosen', async () => {
    const { api, real, dup, dupTreatment, photo } = await twoRecordsOfLaura();
    await signInAs(api, 'practitioner');
    const kept = await mergeAll(api, real.id, dup.id, { take: { postcode: 'merged', occupation: 'merged' }, sections: { medical: 'merged' } });
    expect(kept).toMatchObject({ id: real.id, lastName: 'Ó Briain', postcode: 'BS8 1TH', occupation: 'Nurse', treatmentCount: 2, photoCount: 1 });

    // Treatments and photos open on the kept record: their sealed details were sealed again for it.
    const treatments = await api.call('treatments.list', { clientId: real.id });
    expect(treatments.map((t) => t.notes).sort()).toEqual(['Light peel on the real record', 'Notes typed on the duplicate']);
    expect((await api.call('treatments.get', { treatmentId: dupTreatment.id })).notes).toBe('Notes typed on the duplicate');
    const photos = await api.call('photos.list', { clientId: real.id });
    expect(photos.map((p) => [p.id, p.area, p.treatmentId])).toEqual([[photo.id, 'Left cheek', dupTreatment.id]]);
    expect((await api.call('photos.get', { photoId: photo.id })).imageDataUrl).toMatch(/^data:image\//);

    // The medical history chosen is the duplicate's; the kept record's old one is not lost.
    expect(await api.call('medical.get', { clientId: real.id })).toMatchObject({ allergies: 'Latex', medications: 'None' });
    const kept2 = dbOf(api).prepare("SELECT count(*) AS n FROM client_sections WHERE client_id = ? AND section = 'medical'").get(dup.id) as { n: number };
    expect(kept2.n).toBe(1);

    // Consent: both marketing consents now on the kept record, each moved entry naming its original.
    const consent = await api.call('consent.current', { clientId: real.id });
    const state = (id: string) => consent.current.find((c) => c.purpose.id === id)?.state;
    expect([state('marketing.email'), state('marketing.sms')]).toEqual(['granted', 'granted']);
    const ledger = await api.call('consent.history', { clientId: real.id, purposeId: 'marketing.sms' });
    expect(ledger[0]!.note).toMatch(/^Moved from a merged duplicate record \(entry ce_/);

    // History: the duplicate's own change moved, the merge and the fields it changed are recorded.
    const { changes } = await api.call('clients.history', { clientId: real.id });
    expect(changes.map((c) => c.field)).toEqual(expect.arrayContaining(['mergedWith', 'postcode', 'occupation']));
    expect(changes.find((c) => c.field === 'mergedWith')).toMatchObject({ newValue: dup.id, reason: 'Merged with a duplicate record of the same person' });
    expect(changes.filter((c) => c.field === 'occupation').map((c) => c.reason).sort()).toEqual(['Merged with a duplicate record of the same person', 'Told us']);

    // Audit: one entry on each record, ids and counts only.
    expect(audited(api, 'client.merged')).toEqual([
      { subject_id: real.id, detail: JSON.stringify({ mergedClientId: dup.id, fields: 2, treatments: 1, photos: 1, consentEvents: 1, historyEntries: 4, disputes: 0, requests: 0 }) },
    ]);
    expect(audited(api, 'client.merged_away')).toEqual([{ subject_id: dup.id, detail: JSON.stringify({ keptClientId: real.id }) }]);
  });

  it("moves the merged-away record's subject requests to the kept one, each noting it in its history, so the register and the pack stay whole", async () => {
    const { api, real, dup } = await twoRecordsOfLaura();
    const onDup = (await api.call('requests.add', { clientId: dup.id, types: ['access'], channel: 'email', receivedOn: '2026-11-20' })).request;
    const onReal = (await api.call('requests.add', { clientId: real.id, types: ['erasure'], channel: 'letter', receivedOn: '2026-11-21' })).request;
    // Before the merge, the duplicate's request is its own, and the preview says one request moves.
    expect(onDup.clientId).toBe(dup.id);
    expect((await api.call('clients.mergePreview', { keptId: real.id, mergedId: dup.id })).moves.requests).toBe(1);

    await mergeAll(api, real.id, dup.id);

    const moved = await api.call('requests.get', { id: onDup.id });
    expect(moved.request.clientId).toBe(real.id);
    expect(moved.history.at(-1)).toMatchObject({ kind: 'client.merged', detail: { mergedClientId: dup.id, keptClientId: real.id } });
    // The kept record's own request is untouched, and its history has no merge entry.
    const untouched = await api.call('requests.get', { id: onReal.id });
    expect(untouched.request.clientId).toBe(real.id);
    expect(untouched.history.map((h) => h.kind)).not.toContain('client.merged');
    // The register lists both against the kept record; none is left on the closed one.
    const all = await api.call('requests.list', {});
    expect(all.filter((r) => r.clientId === real.id).map((r) => r.id).sort()).toEqual([onDup.id, onReal.id].sort());
    expect(all.filter((r) => r.clientId === dup.id)).toEqual([]);
    // The moved request's pack is the kept record's: both records' treatments, where before the merge it would be refused.
    const review = await api.call('accessPack.review', { requestId: onDup.id });
    expect(review.items.filter((i) => /^treatment\.[^.]+$/.test(i.itemId))).toHaveLength(2);
    // Audited with ids only: the merge's count, and one step on the moved request.
    expect(JSON.parse(audited(api, 'client.merged')[0]!.detail)).toMatchObject({ requests: 1 });
    const steps = dbOf(api).prepare("SELECT subject_id, detail FROM audit_log WHERE action = 'request.step_recorded'").all() as { subject_id: string; detail: string }[];
    expect(steps).toEqual([{ subject_id: onDup.id, detail: JSON.stringify({ kind: 'client.merged', clientId: real.id, mergedClientId: dup.id, keptClientId: real.id }) }]);
  });

  it('leaves the merged-away record unfindable and closed, but keeps everything it held', async () => {
    const { api, real, dup } = await twoRecordsOfLaura();
    await mergeAll(api, real.id, dup.id);
    const found = await api.call('clients.search', { query: 'laura briain' });
    expect(found.results.map((r) => r.id)).toEqual([real.id]);
    const byDob = await api.call('clients.search', { query: '02/06/1964' });
    expect(byDob.results.map((r) => r.id)).toEqual([real.id]);
    expect((await api.call('clients.findPossibleDuplicates', { mobile: '07700 900461' })).matches.map((m) => m.id)).toEqual([real.id]);
    for (const call of [() => api.call('clients.get', { clientId: dup.id }), () => api.call('treatments.create', { clientId: dup.id, treatedOn: '2026-11-20', typeId: 'tt_laser', medicalHistoryReviewed: true })]) {
      expect(await errorCodeOf(call)).toBe('NOT_FOUND');
    }
    await api.call('clients.get', { clientId: dup.id }).catch((err: Error) => expect(err.message).toMatch(/merged into another client’s record on \d\d\/\d\d\/\d{4}/));

    // Still stored: the row with its own details, its original consent entry, a history entry naming the kept record.
    const db = dbOf(api);
    expect(db.prepare('SELECT last_name FROM clients WHERE id = ?').get(dup.id)).toEqual({ last_name: 'O Briain' });
    expect(db.prepare("SELECT state, note FROM consent_events WHERE client_id = ? ORDER BY seq").all(dup.id)).toEqual([
      { state: 'granted', note: '' },
      { state: 'unknown', note: 'Record merged into another: this consent is now recorded on the kept record' },
    ]);
    expect(db.prepare("SELECT new_value FROM field_changes WHERE client_id = ? AND field = 'mergedInto'").get(dup.id)).toEqual({ new_value: real.id });
    // And no live consent left on it: a marketing list sees the person once.
    expect(db.prepare("SELECT count(*) AS n FROM consent_current WHERE client_id = ? AND state = 'granted'").get(dup.id)).toEqual({ n: 0 });
    const sms = await api.call('marketing.export', { channel: 'sms' });
    expect(sms.included).toBe(1);
  });

  it('carries an objection to marketing over to the kept record', async () => {
    const { api, real, dup } = await twoRecordsOfLaura();
    // On a number of its own, so only the objection itself (not the suppression list) can carry it over.
    await api.call('clients.update', { clientId: dup.id, changes: { mobile: '07700 900888' }, reason: '' });
    await api.call('consent.object', { clientId: dup.id, method: 'phone' });
    tv!.clock.advance(MINUTE);
    await mergeAll(api, real.id, dup.id);
    const email = await api.call('marketing.export', { channel: 'email' });
    expect(email.included).toBe(0);
    expect((await api.call('consent.current', { clientId: real.id })).suppressed).toBe(true);
  });

  it('is refused if either record changed after the preview, and then changes nothing', async () => {
    const { api, real, dup } = await twoRecordsOfLaura();
    const preview = await api.call('clients.mergePreview', { keptId: real.id, mergedId: dup.id });
    await api.call('treatments.create', { clientId: dup.id, treatedOn: '2026-11-20', typeId: 'tt_laser', medicalHistoryReviewed: true });
    const stale = { keptId: real.id, mergedId: dup.id, planToken: preview.planToken };
    expect(await errorCodeOf(() => api.call('clients.merge', stale))).toBe('CONFLICT');
    expect((await api.call('treatments.list', { clientId: dup.id })).length).toBe(2);
    expect(audited(api, 'client.merged')).toEqual([]);
  });

  it('is for the owner and practitioners: reception is refused in the core and nothing moves', async () => {
    const { api, real, dup } = await twoRecordsOfLaura();
    const preview = await api.call('clients.mergePreview', { keptId: real.id, mergedId: dup.id });
    await signInAs(api, 'reception');
    expect(await errorCodeOf(() => api.call('clients.mergePreview', { keptId: real.id, mergedId: dup.id }))).toBe('FORBIDDEN');
    expect(await errorCodeOf(() => api.call('clients.merge', { keptId: real.id, mergedId: dup.id, planToken: preview.planToken }))).toBe('FORBIDDEN');
    await signInAsOwner(api);
    expect((await api.call('treatments.list', { clientId: dup.id })).length).toBe(1);
  });

  it('refuses merging a record with itself, or one already merged away', async () => {
    const { api, real, dup } = await twoRecordsOfLaura();
    expect(await errorCodeOf(() => api.call('clients.mergePreview', { keptId: real.id, mergedId: real.id }))).toBe('VALIDATION');
    await mergeAll(api, real.id, dup.id);
    expect(await errorCodeOf(() => api.call('clients.mergePreview', { keptId: real.id, mergedId: dup.id }))).toBe('NOT_FOUND');
  });
});
