import { describe, expect, it } from 'vitest';
import { actionLabel, auditVerifyMessage, describeDetail } from './audit-actions';

describe('audit display', () => {
  it('names known actions and shows unknown ones as they are', () => {
    expect(actionLabel('session.sign_in_failed')).toBe('Sign-in failed');
    expect(actionLabel('clients.created')).toBe('clients.created');
  });

  it('describes detail as short key: value text', () => {
    expect(describeDetail({ reason: 'wrong_password', count: 2, flag: null })).toBe(
      'reason: wrong password · count: 2 · flag: —',
    );
    expect(describeDetail(null)).toBe('');
  });

  it.each([
    [{ ok: true, entriesChecked: 12, firstBrokenSeq: null, problem: null }, 'All 12 entries intact'],
    [{ ok: true, entriesChecked: 1, firstBrokenSeq: null, problem: null }, 'All 1 entry intact'],
    [
      { ok: false, entriesChecked: 7, firstBrokenSeq: 4, problem: 'Entry #4 has been removed from the audit log.' },
      'The audit log cannot be trusted from entry #4: Entry #4 has been removed from the audit log.',
    ],
    [
      { ok: false, entriesChecked: 7, firstBrokenSeq: null, problem: "The audit log's append-only protection audit_log_no_delete has been removed." },
      "The audit log failed its check: The audit log's append-only protection audit_log_no_delete has been removed.",
    ],
  ])('verify result %# reads "%s"', (result, message) => {
    expect(auditVerifyMessage(result)).toBe(message);
  });
});
