/** The marketing list's rules, one client at a time: each reason, and their order. */
import { describe, expect, it } from 'vitest';
import type { MarketingChannel, MarketingExclusion } from '../../shared/consent-types';
import { type MarketingCandidate, EXCLUSION_ORDER, exclusionFor } from './marketing-rules';

const TODAY = '2026-11-22';

const base: MarketingCandidate = {
  state: 'granted',
  basis: null,
  tpsCheckedOn: '2026-11-10',
  tpsRegistered: false,
  suppressed: false,
  evidenceIncomplete: false,
  restricted: false,
  deceasedOn: null,
  dateOfBirth: '1988-04-12',
  email: 'zoe@example.com',
  mobile: '07700 900123',
  otherPhone: '',
  addressLines: ['1 Harbour Walk', 'Bristol'],
  postcode: 'BS1 4DJ',
};

const cases: [string, MarketingChannel, Partial<MarketingCandidate>, MarketingExclusion | null][] = [
  ['granted, adult, with an email', 'email', {}, null],
  ['withdrawn', 'email', { state: 'withdrawn' }, 'not-granted'],
  ['refused', 'email', { state: 'refused' }, 'not-granted'],
  ['unknown', 'email', { state: 'unknown' }, 'not-granted'],
  ['no event at all', 'email', { state: null }, 'not-granted'],
  ['objected, not re-granted', 'email', { suppressed: true }, 'suppressed'],
  ['restricted (Art 18)', 'email', { restricted: true }, 'restricted'],
  ['deceased', 'email', { deceasedOn: '2026-01-02' }, 'deceased'],
  ['17 today', 'email', { dateOfBirth: '2009-11-23' }, 'under-18'],
  ['18 today', 'email', { dateOfBirth: '2008-11-22' }, null],
  ['no date of birth', 'email', { dateOfBirth: null }, 'under-18'],
  ['empty date of birth', 'email', { dateOfBirth: '' }, 'under-18'],
  ['email without an email', 'email', { email: ' ' }, 'no-contact-detail'],
  ['sms without a mobile', 'sms', { mobile: '' }, 'no-contact-detail'],
  ['sms with a mobile', 'sms', {}, null],
  ['phone with only another phone', 'phone', { mobile: '', otherPhone: '0117 496 0123' }, null],
  ['phone with no number', 'phone', { mobile: '', otherPhone: '' }, 'no-contact-detail'],
  ['post without a postcode', 'post', { postcode: '' }, 'no-contact-detail'],
  ['post without address lines', 'post', { addressLines: ['', ' '] }, 'no-contact-detail'],
  ['post with an address', 'post', { email: '', mobile: '' }, null],
  ['messenger with a mobile only', 'messenger', { email: '' }, null],
  ['messenger with neither email nor mobile', 'messenger', { email: '', mobile: '' }, 'no-contact-detail'],
  ['phone on the TPS', 'phone', { tpsRegistered: true }, 'tps'],
  ['phone on the TPS, but told us they do not object', 'phone', { tpsRegistered: true, basis: 'consent' }, null],
  ['phone, TPS checked 28 days ago', 'phone', { tpsCheckedOn: '2026-10-25' }, null],
  ['phone, TPS checked 29 days ago', 'phone', { tpsCheckedOn: '2026-10-24' }, 'tps-check-out-of-date'],
  ['phone, never checked', 'phone', { tpsCheckedOn: null, tpsRegistered: null }, 'tps-check-out-of-date'],
  ['phone, on the TPS and a stale check: TPS first', 'phone', { tpsCheckedOn: '2025-01-01', tpsRegistered: true }, 'tps'],
  ['email ignores the TPS', 'email', { tpsRegistered: true, tpsCheckedOn: null }, null],
  ['consent evidence incomplete (no notice or wording)', 'email', { evidenceIncomplete: true }, 'evidence-incomplete'],
  ['evidence incomplete and no email: no contact detail first', 'email', { evidenceIncomplete: true, email: '' }, 'no-contact-detail'],
  ['evidence incomplete and on the TPS: evidence first', 'phone', { evidenceIncomplete: true, tpsRegistered: true }, 'evidence-incomplete'],
];

describe('exclusionFor', () => {
  it.each(cases)('%s (%s)', (_name, channel, over, expected) => {
    expect(exclusionFor(channel, { ...base, ...over }, TODAY)).toBe(expected);
  });

  it('counts a client under the first reason that applies', () => {
    const everything: Partial<MarketingCandidate> = {
      suppressed: true,
      restricted: true,
      deceasedOn: '2026-01-01',
      dateOfBirth: null,
      email: '',
      mobile: '',
      tpsRegistered: true,
    };
    expect(exclusionFor('phone', { ...base, ...everything, state: 'withdrawn' }, TODAY)).toBe('suppressed');
    expect(exclusionFor('phone', { ...base, ...everything }, TODAY)).toBe('suppressed');
    expect(exclusionFor('phone', { ...base, ...everything, suppressed: false, state: 'withdrawn' }, TODAY)).toBe('not-granted');
    expect(exclusionFor('phone', { ...base, ...everything, suppressed: false }, TODAY)).toBe('restricted');
    expect(exclusionFor('phone', { ...base, ...everything, suppressed: false, restricted: false }, TODAY)).toBe('deceased');
    expect(exclusionFor('phone', { ...base, ...everything, suppressed: false, restricted: false, deceasedOn: null }, TODAY)).toBe('under-18');
    expect(EXCLUSION_ORDER).toEqual(['suppressed', 'not-granted', 'restricted', 'deceased', 'under-18', 'no-contact-detail', 'evidence-incomplete', 'tps', 'tps-check-out-of-date']);
  });

  it('includes a consent whose evidence is incomplete when the clinic chose to', () => {
    expect(exclusionFor('email', { ...base, evidenceIncomplete: true }, TODAY, { includeIncompleteEvidence: true })).toBeNull();
    expect(exclusionFor('phone', { ...base, evidenceIncomplete: true, tpsRegistered: true }, TODAY, { includeIncompleteEvidence: true })).toBe('tps');
  });
});
