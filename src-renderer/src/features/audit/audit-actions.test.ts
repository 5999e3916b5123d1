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
      { ok: false, entriesChecked: 7, firstBrokenSeq: 4, problem: 'its hash does not match' },
      'Entry #4 has been altered: its hash does not match',
    ],
  ])('verify result %# reads "%s"', (result, message) => {
    expect(auditVerifyMessage(result)).toBe(message);
  });
});
