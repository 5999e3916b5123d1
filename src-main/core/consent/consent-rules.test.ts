/** The pure consent rules, table by table. */
import { describe, expect, it } from 'vitest';
import type { ConsentPurpose } from '../../contract/consent-types';
import { consentRecordSchema } from '../../contract/consent-schemas';
import {
  type RecordInput,
  isEvidenceIncomplete,
  londonTimeUtc,
  recordIssues,
  resolveOccurredAt,
  restartEvidenceIssues,
  softOptInEndedIssue,
} from './consent-rules';

const purpose = (id: string, category: ConsentPurpose['category'], channel: ConsentPurpose['channel'] = null): ConsentPurpose => ({
  id,
  label: id,
  category,
  channel,
  builtIn: true,
  active: true,
  standardWording: '',
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
    // The TPS screening belongs to each number (core/consent/tps.ts), not to the grant.
    ['phone grant without a TPS check on it', PHONE, {}, []],
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
  const cases: [string | undefined, { at: string; dateOnly: string | null } | string][] = [
    [undefined, { at: '2026-07-15T13:30:00.000Z', dateOnly: null }],
    // A date alone is the start of that London day, today included: never "now".
    ['2026-07-15', { at: '2026-07-14T23:00:00.000Z', dateOnly: '2026-07-15' }],
    ['2026-07-01', { at: '2026-06-30T23:00:00.000Z', dateOnly: '2026-07-01' }],
    ['2026-01-10', { at: '2026-01-10T00:00:00.000Z', dateOnly: '2026-01-10' }],
    // A London wall-clock time (what --at and the form's time give).
    ['2026-07-15T10:00', { at: '2026-07-15T09:00:00.000Z', dateOnly: null }],
    ['2026-01-10T10:00', { at: '2026-01-10T10:00:00.000Z', dateOnly: null }],
    ['2026-07-15T10:00:00+01:00', { at: '2026-07-15T09:00:00.000Z', dateOnly: null }],
    ['2026-07-16', 'occurredAt'],
    ['2026-07-15T14:00:00Z', 'occurredAt'],
    ['2026-07-15T15:00', 'occurredTime'],
    ['2026-07-15T24:00', 'occurredAt'],
    ['2026-02-30T10:00', 'occurredAt'],
    ['31/02/2026', 'occurredAt'],
    ['yesterday', 'occurredAt'],
  ];
  it.each(cases)('%s', (text, expected) => {
    const r = resolveOccurredAt(text, now);
    if (typeof expected === 'string') expect('issue' in r && r.issue.field).toBe(expected);
    else expect(r).toEqual(expected);
  });
});

describe('londonTimeUtc', () => {
  const cases: [string, string][] = [
    ['2026-03-29T00:30', '2026-03-29T00:30:00.000Z'], // before the clocks go forward at 01:00 GMT
    ['2026-03-29T02:30', '2026-03-29T01:30:00.000Z'], // BST
    ['2026-10-25T00:30', '2026-10-24T23:30:00.000Z'], // still BST
    ['2026-10-25T03:00', '2026-10-25T03:00:00.000Z'], // GMT again
  ];
  it.each(cases)('%s', (local, utc) => {
    expect(londonTimeUtc(local).toISOString()).toBe(utc);
  });
});

describe('after a withdrawal, refusal or objection', () => {
  const ENDED = { kind: 'withdrawn' as const, at: '2026-11-20T10:00:00.000Z' };
  const OBJECTED = { kind: 'objected' as const, at: '2026-11-20T10:00:00.000Z' };
  const SMS = purpose('marketing.sms', 'marketing', 'sms');
  const complete = { noticeId: 'pn_1', wording: 'Yes please.' };
  const cases: [string, ConsentPurpose, Partial<RecordInput>, typeof ENDED | typeof OBJECTED | null, string[]][] = [
    ['soft opt-in, never refused', EMAIL, { basis: 'soft-opt-in', softOptIn: ALL_TRUE }, null, []],
    ['soft opt-in after a withdrawal', EMAIL, { basis: 'soft-opt-in', softOptIn: ALL_TRUE }, ENDED, ['basis']],
    ['soft opt-in after an objection', SMS, { basis: 'soft-opt-in', softOptIn: ALL_TRUE, ...complete }, OBJECTED, ['basis']],
    ['consent without notice or wording after a withdrawal', SMS, {}, ENDED, ['noticeId', 'wording']],
    ['consent with both after a withdrawal', SMS, complete, ENDED, []],
    ['post after a withdrawal: a plain new consent', POST, {}, ENDED, []],
    ['post after an objection: notice and wording needed', POST, {}, OBJECTED, ['noticeId', 'wording']],
    ['a withdrawal after a withdrawal needs nothing', EMAIL, { state: 'withdrawn' }, ENDED, []],
    ['a reminder is not marketing', REMINDER, {}, OBJECTED, []],
  ];
  it.each(cases)('%s', (_name, p, extra, ended, fields) => {
    const i = input(extra);
    const found = [softOptInEndedIssue(i, p, ended), ...restartEvidenceIssues(i, p, ended)].filter((x) => x !== null);
    expect(found.map((x) => x.field)).toEqual(fields);
  });
});

describe('isEvidenceIncomplete', () => {
  const cases: [string, { state: string; noticeId: string | null; wording: string }, boolean][] = [
    ['granted with notice and wording', { state: 'granted', noticeId: 'pn_1', wording: 'Yes.' }, false],
    ['granted without a notice', { state: 'granted', noticeId: null, wording: 'Yes.' }, true],
    ['granted without wording', { state: 'granted', noticeId: 'pn_1', wording: ' ' }, true],
    ['a withdrawal needs neither', { state: 'withdrawn', noticeId: null, wording: '' }, false],
    ['a refusal needs neither', { state: 'refused', noticeId: null, wording: '' }, false],
  ];
  it.each(cases)('%s', (_name, e, incomplete) => {
    expect(isEvidenceIncomplete(e)).toBe(incomplete);
  });
});
