/**
 * One synthetic client's identity and contact details, from (seed, index)
 * alone: client 17 of seed 1 is the same person whether the clinic has 500
 * clients or 50,000, which keeps small test clinics a true sample of big ones.
 */
import type { ClientIdentity } from '../../contract/record-types';
import { canonicalUkPhone } from '../../contract/uk-formats';
import { addYears, dayOf } from './calendar';
import { INTERESTS, OCCUPATIONS, makeName } from './people';
import { makeAddress, makeGp, makeLandline, makeMobile } from './places';
import { Rng } from './random';

export interface GeneratedIdentity {
  identity: ClientIdentity;
  /** The day the client first came in (their record's creation). */
  firstVisitDay: number;
  /** The earliest day they could have: the start of the history, or their 16th birthday if later. */
  earliestVisitDay: number;
}

/** Birth years weighted towards the clinic's typical 25-55-year-olds; a few born 2005-2008 are minors for part of their history. */
const BIRTH_DECADES: readonly (readonly [readonly [number, number], number])[] = [
  [[1950, 1959], 5],
  [[1960, 1969], 11],
  [[1970, 1979], 21],
  [[1980, 1989], 28],
  [[1990, 1999], 24],
  [[2000, 2004], 8],
  [[2005, 2008], 3],
];

const NOTES = [
  'Prefers afternoon appointments.',
  'Needle-phobic: numbing cream 30 minutes before.',
  'Hard of hearing: please face her when speaking.',
  'Text reminders only, please do not call.',
  'Welsh speaker; happy to be seen in English.',
  'Asked for a female practitioner.',
  'Parking permit needed for the side entrance.',
  'Referred by a friend (loyalty discount applied).',
];

const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example'];

/** A plain, lower-case email local part from a Latin name ("Ó Briain" → "obriain"). */
const e164 = (national: string) => canonicalUkPhone(national) ?? national;
const withE164 = <T extends { phone: string }>(gp: T): T => ({ ...gp, phone: gp.phone ? e164(gp.phone) : '' });
const emailPart = (latin: string) => latin.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * NHS numbers from the 999 range the NHS keeps for testing, valid by the
 * modulus-11 check. The nine-digit body walks a permutation of 0..999,999 by
 * client index, so no two clients share one; a body whose check digit would be
 * 10 (no valid number) leaves that client without an NHS number.
 */
export function nhsNumberFor(seed: number, index: number): string {
  const offset = (seed >>> 0) % 1_000_000;
  const body = `999${String((index * 387_419 + offset) % 1_000_000).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return '';
  return `${body}${check === 11 ? 0 : check}`;
}

function dateOfBirth(rng: Rng): string {
  const [from, to] = rng.weighted(BIRTH_DECADES);
  const year = rng.int(from, to);
  const month = rng.int(1, 12);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(rng.int(1, daysInMonth)).padStart(2, '0')}`;
}

export function makeIdentity(rng: Rng, seed: number, index: number, today: number, historyDays: number): GeneratedIdentity {
  const name = makeName(rng);
  const dob = dateOfBirth(rng);
  const address = makeAddress(rng);
  const emailLocal = rng.weighted([
    [`${emailPart(name.latinFirst)}.${emailPart(name.latinLast)}`, 5],
    [`${emailPart(name.latinFirst)}${emailPart(name.latinLast)}${rng.int(1, 99)}`, 3],
    [`${emailPart(name.latinFirst).slice(0, 1)}${emailPart(name.latinLast)}`, 2],
  ] as const);
  // Stored the way the product stores numbers (E.164), as a client added through the form would be.
  const otherPhones = rng.chance(0.15) ? [{ label: rng.pick(['Home', 'Work']), number: e164(makeLandline(rng, address.region)) }] : [];
  const interests = rng.sample(INTERESTS, rng.weighted([[0, 3], [1, 4], [2, 2], [3, 1]] as const));
  const identity: ClientIdentity = {
    firstName: name.firstName,
    lastName: name.lastName,
    preferredName: name.preferredName,
    dateOfBirth: dob,
    gender: name.gender,
    addressLines: address.addressLines,
    postcode: address.postcode,
    email: rng.chance(0.9) ? `${emailLocal}@${rng.pick(EMAIL_DOMAINS)}` : '',
    mobile: rng.chance(0.94) ? e164(makeMobile(rng)) : '',
    otherPhones,
    // No random draw, so every other field of a seeded clinic stays as it was: one client in five has a handle.
    messengerHandle: index % 5 === 0 ? `${emailPart(name.latinFirst)}.${emailPart(name.latinLast)}.${index}` : '',
    nhsNumber: rng.chance(0.45) ? nhsNumberFor(seed, index) : '',
    occupation: rng.pick(OCCUPATIONS),
    treatmentInterests: interests,
    gp: rng.chance(0.35) ? withE164(makeGp(rng, address)) : null,
    notes: rng.chance(0.1) ? rng.pick(NOTES) : '',
  };
  // First seen in the last `historyDays` days, and no younger than 16 (the youngest a clinic sees, with a parent).
  const earliest = Math.max(today - historyDays, dayOf(addYears(dob, 16)));
  const firstVisitDay = Math.min(today - 1, earliest + Math.floor(rng.float() * Math.max(1, today - 1 - earliest)));
  return { identity, firstVisitDay, earliestVisitDay: Math.min(today - 1, earliest) };
}
