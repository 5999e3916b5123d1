/**
 * Logging and changing a data subject request through the dispatcher
 * (docs/requests.md): the clock by the ICO method as the register shows it,
 * the bad input of issue #12 refused with nothing stored, and the roles.
 * The test clock says Sunday 22/11/2026; no date used here is near a bank holiday.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newClient, signInAs, signInAsOwner } from '../test-support/test-clients';
import { type TestVault, createTestVault, errorCodeOf } from '../test-support/temp-vault';
import { dbOf } from '../test-support/upload-test-support';

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault();
});
afterEach(() => tv?.cleanup());

const stored = () => dbOf(tv.api).prepare('SELECT * FROM subject_requests ORDER BY reference').all();
const historyCount = () => (dbOf(tv.api).prepare('SELECT count(*) AS n FROM subject_request_history').get() as { n: number }).n;
const add = (over: Record<string, unknown> = {}) =>
  tv.api.call('requests.add', { personName: 'Łucja Nowak', types: ['access'], channel: 'email', receivedOn: '2026-10-05', ...over });
const update = (id: string, changes: Record<string, unknown>) => tv.api.call('requests.update', { id, changes });

describe('logging a request', () => {
  it('numbers requests by year, and a person logged unmatched is matched to a client later', async () => {
    const first = (await add()).request;
    const second = (await add({ types: ['erasure', 'access'], channel: 'in_person' })).request;
    expect([first.reference, second.reference]).toEqual(['DSR-2026-0001', 'DSR-2026-0002']);
    expect(second.types).toEqual(['access', 'erasure']);
    expect(first).toMatchObject({ clientId: null, personName: 'Łucja Nowak', displayName: 'Łucja Nowak', dueDate: '2026-11-05', daysLeft: -17 });

    const client = await tv.api.call('clients.create', newClient({ firstName: 'Łucja', lastName: 'Nowak-Kowalska' }));
    const matched = await update(first.id, { clientId: client.id });
    expect(matched.request).toMatchObject({ clientId: client.id, personName: 'Łucja Nowak', displayName: 'Łucja Nowak-Kowalska' });
    expect(matched.history.map((h) => [h.kind, h.detail.fields])).toEqual([
      ['logged', 'all'],
      ['updated', 'clientId'],
    ]);
  });

  it('refuses a received date in the future, storing nothing', async () => {
    const err = await tv.api.dispatch('requests.add', { personName: 'Ana', types: ['access'], channel: 'email', receivedOn: '2026-11-23' });
    expect(err).toMatchObject({ ok: false, error: { code: 'REQUEST_DATE_IN_FUTURE' } });
    expect(!err.ok && err.error.message).toBe(
      'The day the request was received (23/11/2026) is after today (22/11/2026). Enter the day it actually happened.',
    );
    expect(stored()).toEqual([]);
    expect(historyCount()).toBe(0);
  });

  it('needs a client or a name, not both', async () => {
    const client = await tv.api.call('clients.create', newClient());
    expect(await errorCodeOf(() => add({ clientId: client.id }))).toBe('VALIDATION');
    expect(await errorCodeOf(() => add({ personName: null }))).toBe('VALIDATION');
    expect(await errorCodeOf(() => add({ personName: null, clientId: 'cl_doesnotexist' }))).toBe('NOT_FOUND');
    expect(stored()).toEqual([]);
  });

  it('an unknown request id is REQUEST_NOT_FOUND for every change', async () => {
    const id = 'dsr_0000000000000000aaaa';
    expect(await errorCodeOf(() => update(id, { notes: 'x' }))).toBe('REQUEST_NOT_FOUND');
    expect(await errorCodeOf(() => tv.api.call('requests.recordIdentity', { id, identityReceivedOn: '2026-11-01' }))).toBe('REQUEST_NOT_FOUND');
  });
});

describe('the clock', () => {
  it('waits for ID, starts when it arrives, stops for clarification and is extended to three months from the start', async () => {
    const { request } = await add({ identityNeeded: 'Photo ID and a recent utility bill', identityRequestedOn: '2026-10-06' });
    expect(request).toMatchObject({ dueDate: null, identityVerified: false, deadline: { clockStoppedFor: 'identity', clockStartsOn: null } });
    expect(request.identityProblem).toBe('Waiting for the ID asked for on 06/10/2026: record it when it arrives.');

    const idIn = await tv.api.call('requests.recordIdentity', { id: request.id, identityReceivedOn: '2026-10-12' });
    expect(idIn.request).toMatchObject({ dueDate: '2026-11-12', identityVerified: true, deadline: { clockStartsOn: '2026-10-12', extensionNoticeBy: '2026-11-12' } });

    const asked = await update(request.id, { clarificationAskedOn: '2026-10-14' });
    expect(asked.request).toMatchObject({ dueDate: null, deadline: { clockStoppedFor: 'clarification' } });
    // 14, 15 and 16 October do not count: 12/11 + 3 = Sunday 15/11, rolled to Monday.
    const answered = await update(request.id, { clarificationAnsweredOn: '2026-10-16' });
    expect(answered.request).toMatchObject({ dueDate: '2026-11-16', deadline: { stoppedDays: 3 }, daysLeft: -6 });

    const extended = await update(request.id, { extension: { reason: 'Several requests at once', toldOn: '2026-11-10' } });
    expect(extended.request).toMatchObject({
      dueDate: '2027-01-15',
      extension: { toldOn: '2026-11-10', toldLate: false },
      deadline: { standardDueDate: '2026-11-16', extendedDueDate: '2027-01-15', extensionNoticeBy: null },
      warnings: [],
    });
  });

  it.each([
    ['2025-09-03', '2025-10-03'], // ICO: 3 September → 3 October
    ['2025-03-31', '2025-04-30'], // ICO: 31 March → 30 April (no 31st)
    ['2024-11-25', '2024-12-27'], // ICO: Monday 25/11/2024 → Friday 27/12/2024 (25 and 26 December are bank holidays)
  ])('received %s is due %s (the ICO’s examples)', async (receivedOn, due) => {
    expect((await add({ receivedOn })).request.dueDate).toBe(due);
  });

  it('follows the clinic’s bank-holiday region: 2 January is a holiday in Scotland', async () => {
    const { request } = await add({ receivedOn: '2025-12-02' });
    expect(request.dueDate).toBe('2026-01-02');
    await tv.api.call('settings.update', { bankHolidayRegion: 'scotland' });
    expect((await tv.api.call('requests.get', { id: request.id })).request.dueDate).toBe('2026-01-05');
  });

  it('a complaint alone is acknowledged within 30 days; with another right, that right keeps its own due date', async () => {
    // DPA 2018 s.164A as docs/deadlines.md counts it: 30 days from the day after receipt, rolled to a working day.
    const { request } = await add({ types: ['complaint'], receivedOn: '2026-10-05' });
    expect(request).toMatchObject({ dueDate: '2026-11-04', deadline: { acknowledgeBy: '2026-11-04' } });
    const both = (await add({ types: ['complaint', 'access'], receivedOn: '2026-10-05' })).request;
    expect(both).toMatchObject({ dueDate: '2026-11-05', deadline: { acknowledgeBy: '2026-11-04' } });
  });

  it('a fee asked for stops the clock until it is paid', async () => {
    const { request } = await add({ receivedOn: '2026-10-05' });
    const asked = await update(request.id, { fee: { reason: 'manifestly_excessive', amountPence: 2500, requestedOn: '2026-10-07' } });
    expect(asked.request).toMatchObject({ dueDate: null, deadline: { clockStoppedFor: 'fee' } });
    const paid = await update(request.id, { feeReceivedOn: '2026-10-19' });
    expect(paid.request).toMatchObject({ dueDate: '2026-11-19', fee: { amountPence: 2500, receivedOn: '2026-10-19' } });
  });

  it('an extension told after the first month is recorded with the warning that the deadline was missed', async () => {
    const { request } = await add({ receivedOn: '2026-09-01' }); // due Thursday 01/10/2026
    const late = await update(request.id, { extension: { reason: 'Complex: records at two sites', toldOn: '2026-10-20' } });
    expect(late.request).toMatchObject({ dueDate: '2026-12-01', extension: { toldLate: true } });
    expect(late.request.warnings).toEqual([
      'The person was told of the extension on 20/10/2026, after the first month had ended: UK GDPR Art 12(3) asks for it within the first month.',
    ]);
    const entry = late.history.at(-1)!;
    expect(entry.detail).toMatchObject({ extensionToldLate: true });
    expect(String((entry.detail.warnings as string[])[0])).toContain('after the first month ended on 01/10/2026');
    // Once only.
    expect(await errorCodeOf(() => update(request.id, { extension: { reason: 'again', toldOn: '2026-10-21' } }))).toBe('REQUEST_ALREADY_EXTENDED');
  });

  it('cannot be extended before the clock starts', async () => {
    const { request } = await add({ identityRequestedOn: '2026-10-06' });
    expect(await errorCodeOf(() => update(request.id, { extension: { reason: 'x', toldOn: '2026-10-20' } }))).toBe('REQUEST_NOT_STARTED');
  });
});

describe('bad dates change nothing', () => {
  it('a clarification answered before it was asked, or with none asked', async () => {
    const { request } = await add();
    const before = stored();
    const none = await tv.api.dispatch('requests.update', { id: request.id, changes: { clarificationAnsweredOn: '2026-10-10' } });
    expect(none).toMatchObject({ ok: false, error: { code: 'REQUEST_DATE_ORDER', message: 'No clarification is waiting for an answer. Record the day you asked for it first.' } });
    await update(request.id, { clarificationAskedOn: '2026-10-14' });
    const early = await tv.api.dispatch('requests.update', { id: request.id, changes: { clarificationAnsweredOn: '2026-10-13' } });
    expect(early).toMatchObject({ ok: false, error: { code: 'REQUEST_DATE_ORDER' } });
    expect(!early.ok && early.error.message).toBe(
      'The day the clarification arrived (13/10/2026) is before the day it was asked for (14/10/2026). Check the dates.',
    );
    const after = (await tv.api.call('requests.get', { id: request.id })).request;
    expect(after.clarifications).toEqual([{ askedOn: '2026-10-14', answeredOn: null }]);
    expect(before).toHaveLength(1);
  });

  it('ID received before it was asked for, or a date in the future', async () => {
    const { request } = await add({ identityRequestedOn: '2026-10-06' });
    const rows = stored();
    expect(await errorCodeOf(() => tv.api.call('requests.recordIdentity', { id: request.id, identityReceivedOn: '2026-10-05' }))).toBe('REQUEST_DATE_ORDER');
    expect(await errorCodeOf(() => tv.api.call('requests.recordIdentity', { id: request.id, identityReceivedOn: '2026-11-30' }))).toBe('REQUEST_DATE_IN_FUTURE');
    expect(stored()).toEqual(rows);
    expect(historyCount()).toBe(1);
  });

  it('an "as of" day after today is refused', async () => {
    expect(await errorCodeOf(() => add({ asOf: '2026-12-25' }))).toBe('VALIDATION');
    expect(stored()).toEqual([]);
  });

  it('closing needs an outcome; a closed request is reopened before it changes', async () => {
    const { request } = await add();
    expect(await errorCodeOf(() => update(request.id, { status: 'closed' }))).toBe('VALIDATION');
    const closed = await update(request.id, { status: 'closed', outcome: 'complied', responseSentOn: '2026-11-02' });
    expect(closed.request).toMatchObject({ status: 'closed', daysLeft: null, responseSentOn: '2026-11-02' });
    expect(await errorCodeOf(() => update(request.id, { notes: 'later' }))).toBe('REQUEST_CLOSED');
    expect((await update(request.id, { status: 'open' })).request.status).toBe('open');
  });
});

describe('someone asking on the client’s behalf', () => {
  it('without an authority recorded the identity is not verified, with a reason the export can show', async () => {
    const { request } = await add({ requester: { kind: 'third_party', name: 'Marta Kowalska', relationship: 'Daughter' } });
    expect(request.identityVerified).toBe(false);
    expect(request.identityProblem).toBe(
      "Marta Kowalska asked on the client's behalf, but no authority is recorded. Record what gives them the right to ask (for example the client's signed authority or a power of attorney) and the proof you saw.",
    );
    const withProof = await update(request.id, {
      requester: { kind: 'third_party', name: 'Marta Kowalska', relationship: 'Daughter', authority: 'Lasting power of attorney', proof: 'Registered LPA seen' },
      authorityRequestedOn: '2026-10-06',
    });
    expect(withProof.request).toMatchObject({ identityVerified: false, deadline: { clockStoppedFor: 'authority' } });
    const received = await update(request.id, { authorityReceivedOn: '2026-10-09' });
    expect(received.request).toMatchObject({ identityVerified: true, identityProblem: null, dueDate: '2026-11-09' });
  });
});

describe('roles', () => {
  it('reception logs a request, records ID and sees the register, and nothing else', async () => {
    await signInAs(tv.api, 'reception');
    const { request } = await add({ identityRequestedOn: '2026-10-06' });
    await tv.api.call('requests.recordIdentity', { id: request.id, identityReceivedOn: '2026-10-08' });
    expect((await tv.api.call('requests.dashboard', {})).counts.open).toBe(1);
    const rows = stored();
    expect(await errorCodeOf(() => update(request.id, { status: 'closed', outcome: 'complied' }))).toBe('FORBIDDEN');
    expect(await errorCodeOf(() => update(request.id, { extension: { reason: 'x', toldOn: '2026-10-20' } }))).toBe('FORBIDDEN');
    expect(await errorCodeOf(() => tv.api.call('requests.letter', { id: request.id, kind: 'acknowledgement' }))).toBe('FORBIDDEN');
    expect(stored()).toEqual(rows);
    await signInAsOwner(tv.api);
    expect((await update(request.id, { notes: 'Owner took over' })).request.notes).toBe('Owner took over');
  });
});
