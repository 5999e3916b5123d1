/** The marketing list's rules, one client at a time: each reason, and their order. */
import { describe, expect, it } from 'vitest';
import type { MarketingChannel, MarketingExclusion } from '../../contract/consent-types';
import { type CandidatePhone, type MarketingCandidate, EXCLUSION_ORDER, exclusionFor, phoneChoice } from './marketing-rules';

const TODAY = '2026-11-22';

const base: MarketingCandidate = {
  state: 'granted',
  basis: null,
  suppressed: false,
  evidenceIncomplete: false,
  restricted: false,
  deceasedOn: null,
  dateOfBirth: '1988-04-12',
  email: 'zoe@example.com',
  mobile: '+447700900123',
  phones: [{ phone: '+447700900123', standing: 'clear', doesNotObject: false }],
  messengerHandle: 'zoe.hartley.5',
  addressLines: ['1 Harbour Walk', 'Bristol'],
  postcode: 'BS1 4DJ',
};

const MOBILE = '+447700900123';
const HOME = '+441174960123';
const number = (phone: string, standing: CandidatePhone['standing'], doesNotObject = false): CandidatePhone => ({ phone, standing, doesNotObject });

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
  ['phone with only another phone, screened', 'phone', { mobile: '', phones: [number(HOME, 'clear')] }, null],
  ['phone with no number', 'phone', { mobile: '', phones: [] }, 'no-contact-detail'],
  ['post without a postcode', 'post', { postcode: '' }, 'no-contact-detail'],
  ['post without address lines', 'post', { addressLines: ['', ' '] }, 'no-contact-detail'],
  ['post with an address', 'post', { email: '', mobile: '' }, null],
  ['messenger with a handle only', 'messenger', { email: '', mobile: '' }, null],
  ['messenger with email and mobile but no handle', 'messenger', { messengerHandle: '' }, 'no-contact-detail'],
  ['messenger with a blank handle', 'messenger', { messengerHandle: '  ' }, 'no-contact-detail'],
  ['phone on the TPS', 'phone', { phones: [number(MOBILE, 'registered')] }, 'tps'],
  ['phone on the TPS, but told us they do not object (reg 21(4))', 'phone', { phones: [number(MOBILE, 'registered', true)] }, null],
  ['phone never screened, but told us they do not object', 'phone', { phones: [number(MOBILE, 'not-screened', true)] }, null],
  ['phone on the TPS with a consent basis: the basis is not a reg 21(4) statement', 'phone', { basis: 'consent', phones: [number(MOBILE, 'registered')] }, 'tps'],
  ['phone, screening out of date', 'phone', { phones: [number(MOBILE, 'out-of-date')] }, 'tps-check-out-of-date'],
  ['phone, never screened (changed since the screening)', 'phone', { phones: [number(MOBILE, 'not-screened')] }, 'tps-not-screened'],
  ['phone, mobile on the TPS and the home phone clear: called at home', 'phone', { phones: [number(MOBILE, 'registered'), number(HOME, 'clear')] }, null],
  ['phone, mobile on the TPS and an added number not screened', 'phone', { phones: [number(MOBILE, 'registered'), number(HOME, 'not-screened')] }, 'tps-not-screened'],
  ['phone, on the TPS and out of date: out of date first', 'phone', { phones: [number(MOBILE, 'registered'), number(HOME, 'out-of-date')] }, 'tps-check-out-of-date'],
  ['email ignores the TPS', 'email', { phones: [number(MOBILE, 'registered')] }, null],
  ['consent evidence incomplete (no notice or wording)', 'email', { evidenceIncomplete: true }, 'evidence-incomplete'],
  ['evidence incomplete and no email: no contact detail first', 'email', { evidenceIncomplete: true, email: '' }, 'no-contact-detail'],
  ['evidence incomplete and on the TPS: evidence first', 'phone', { evidenceIncomplete: true, phones: [number(MOBILE, 'registered')] }, 'evidence-incomplete'],
  ['evidence incomplete and not screened: evidence first', 'phone', { evidenceIncomplete: true, phones: [number(MOBILE, 'not-screened')] }, 'evidence-incomplete'],
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
      phones: [],
    };
    expect(exclusionFor('phone', { ...base, ...everything, state: 'withdrawn' }, TODAY)).toBe('suppressed');
    expect(exclusionFor('phone', { ...base, ...everything }, TODAY)).toBe('suppressed');
    expect(exclusionFor('phone', { ...base, ...everything, suppressed: false, state: 'withdrawn' }, TODAY)).toBe('not-granted');
    expect(exclusionFor('phone', { ...base, ...everything, suppressed: false }, TODAY)).toBe('restricted');
    expect(exclusionFor('phone', { ...base, ...everything, suppressed: false, restricted: false }, TODAY)).toBe('deceased');
    expect(exclusionFor('phone', { ...base, ...everything, suppressed: false, restricted: false, deceasedOn: null }, TODAY)).toBe('under-18');
    expect(EXCLUSION_ORDER).toEqual([
      'suppressed',
      'not-granted',
      'restricted',
      'deceased',
      'under-18',
      'no-contact-detail',
      'evidence-incomplete',
      'tps',
      'tps-check-out-of-date',
      'tps-not-screened',
    ]);
  });

  it('includes a consent whose evidence is incomplete when the clinic chose to', () => {
    expect(exclusionFor('email', { ...base, evidenceIncomplete: true }, TODAY, { includeIncompleteEvidence: true })).toBeNull();
    expect(exclusionFor('phone', { ...base, evidenceIncomplete: true, phones: [number(MOBILE, 'registered')] }, TODAY, { includeIncompleteEvidence: true })).toBe(
      'tps',
    );
  });
});

describe('phoneChoice', () => {
  it('calls the first number that may be called, and only that one', () => {
    expect(phoneChoice([number(MOBILE, 'out-of-date'), number(HOME, 'clear')])).toEqual({ call: HOME });
    expect(phoneChoice([number(MOBILE, 'clear'), number(HOME, 'clear')])).toEqual({ call: MOBILE });
    expect(phoneChoice([number(MOBILE, 'registered', true), number(HOME, 'clear')])).toEqual({ call: MOBILE });
  });
});
