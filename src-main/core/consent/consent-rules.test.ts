/** The pure consent rules, table by table. */
import { describe, expect, it } from 'vitest';
import type { ConsentPurpose } from '../../shared/consent-types';
import { consentRecordSchema } from '../../shared/consent-schemas';
import { type RecordInput, recordIssues, resolveOccurredAt } from './consent-rules';

const purpose = (id: string, category: ConsentPurpose['category'], channel: ConsentPurpose['channel'] = null): ConsentPurpose => ({
  id,
  label: id,
  category,
  channel,
  builtIn: true,
  active: true,
});
const EMAIL = purpose('marketing.email', 'marketing', 'email');
const PHONE = purpose('marketing.phone', 'marketing', 'phone');
const POST = purpose('marketing.post', 'marketing', 'post');
const TREATMENT = purpose('treatment', 'treatment');
const REMINDER = purpose('reminders.sms', 'service', 'sms');

const input = (extra: Partial<RecordInput>): RecordInput =>
  ({ ...consentRecordSchema.parse({ clientId: 'cl_1', purposeId: 'x', state: 'granted', method: 'in-person' }), ...extra });
const ALL_TRUE = { detailsCollectedDuringSale: true, similarServicesOnly: true, optOutOfferedAtCollection: true };

describe('recordIssues', () => {
  const cases: [string, ConsentPurpose, Partial<RecordInput>, string[]][] = [
    ['plain email grant', EMAIL, {}, []],
    ['soft opt-in, all three', EMAIL, { basis: 'soft-opt-in', softOptIn: ALL_TRUE }, []],
    ['soft opt-in, no conditions', EMAIL, { basis: 'soft-opt-in' }, ['softOptIn']],
    ['soft opt-in, one missing', EMAIL, { basis: 'soft-opt-in', softOptIn: { ...ALL_TRUE, optOutOfferedAtCollection: false } }, ['softOptIn.optOutOfferedAtCollection']],
    ['soft opt-in on a withdrawal', EMAIL, { state: 'withdrawn', basis: 'soft-opt-in', softOptIn: ALL_TRUE }, ['basis']],
    ['conditions without the basis', EMAIL, { softOptIn: ALL_TRUE }, ['softOptIn']],
    ['basis on post', POST, { basis: 'consent' }, ['basis']],
    ['basis on reminders', REMINDER, { basis: 'consent' }, ['basis']],
    ['phone grant without TPS', PHONE, {}, ['tpsCheckedOn']],
    ['phone grant with TPS', PHONE, { tpsCheckedOn: '2026-11-01', tpsRegistered: true }, []],
    ['phone TPS check without result', PHONE, { tpsCheckedOn: '2026-11-01' }, ['tpsRegistered']],
    ['phone TPS check in the future', PHONE, { tpsCheckedOn: '2026-12-01', tpsRegistered: false }, ['tpsCheckedOn']],
    ['phone withdrawal needs no TPS', PHONE, { state: 'withdrawn' }, []],
    ['TPS on email', EMAIL, { tpsRegistered: false }, ['tpsCheckedOn']],
    ['treatment without one', TREATMENT, {}, ['treatmentId']],
    ['treatment with one', TREATMENT, { treatmentId: 'tr_1' }, []],
    ['treatment id on marketing', EMAIL, { treatmentId: 'tr_1' }, ['treatmentId']],
    ['explicit re-grant of marketing', EMAIL, { explicitRegrant: true }, []],
    ['explicit re-grant of a reminder', REMINDER, { explicitRegrant: true }, ['explicitRegrant']],
    ['explicit re-grant on a refusal', EMAIL, { state: 'refused', explicitRegrant: true }, ['explicitRegrant']],
  ];
  it.each(cases)('%s', (_name, p, extra, fields) => {
    expect(recordIssues(input(extra), p, '2026-11-22').map((i) => i.field)).toEqual(fields);
  });
});

describe('resolveOccurredAt', () => {
  const now = new Date('2026-07-15T13:30:00.000Z');
  const cases: [string | undefined, string | null][] = [
    [undefined, '2026-07-15T13:30:00.000Z'],
    ['2026-07-15', '2026-07-15T13:30:00.000Z'], // today means now
    ['2026-07-01', '2026-06-30T23:00:00.000Z'], // start of the London day (BST)
    ['2026-01-10', '2026-01-10T00:00:00.000Z'],
    ['2026-07-15T10:00:00+01:00', '2026-07-15T09:00:00.000Z'],
    ['2026-07-16', null],
    ['2026-07-15T14:00:00Z', null],
    ['31/02/2026', null],
    ['yesterday', null],
  ];
  it.each(cases)('%s', (text, expected) => {
    const r = resolveOccurredAt(text, now);
    if (expected === null) expect('issue' in r && r.issue.field).toBe('occurredAt');
    else expect(r).toEqual({ at: expected });
  });
});
