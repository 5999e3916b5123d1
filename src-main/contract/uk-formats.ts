/**
 * UK formats the app validates and shows: dates (DD/MM/YYYY on screen, ISO in
 * storage), phone numbers, postcodes and NHS numbers. Pure functions, shared by
 * the core, the CLI and the renderer so every layer says the same thing.
 */

/** Parses DD/MM/YYYY (or D/M/YYYY, or an ISO date) into YYYY-MM-DD; null if it is not a real date. */
export function parseUkDate(text: string): string | null {
  const t = text.trim();
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const iso = uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : t;
  return isRealIsoDate(iso) ? iso : null;
}

export function isRealIsoDate(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** YYYY-MM-DD → DD/MM/YYYY, the way dates are shown in the UK. */
export function formatUkDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whole years between a date of birth and a day (both ISO dates): age on that day. */
export function ageOn(dateOfBirth: string, onDay: string): number {
  // Stored dates are YYYY-MM-DD, so "MM-DD" compares as text: no arrays made for each of
  // the 100,000 clients a marketing list checks (it was 80 ms of the list at 200,000).
  if (dateOfBirth.length === 10 && onDay.length === 10 && ISO_DAY.test(dateOfBirth) && ISO_DAY.test(onDay)) {
    const years = Number(onDay.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
    return onDay.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
  }
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDay.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * The national digits of a UK phone number (07700900123), or null if it cannot
 * be one. Accepts the ways people write them: spaces, dashes, dots and
 * brackets, +44 or 0044 with or without the "(0)" some add after it, and the
 * E.164 form the vault stores (+447700900123). A number of one repeated digit
 * (0000000000, 07777777777) is a placeholder, not a phone, and is refused.
 *
 * This is also the suppression list's hash key (docs/phones-and-tps.md): it
 * gives the same digits for every way of writing a number, including the ones
 * stored as typed before migration 0013, so hashes made before still match.
 */
export function normaliseUkPhone(text: string): string | null {
  let digits = text.replace(/[\s().-]/g, '');
  const international = digits.startsWith('+44') ? 3 : digits.startsWith('0044') ? 4 : 0;
  if (international) {
    digits = digits.slice(international);
    // "+44 (0)20…" and "0044 (0)20…": the brackets are gone, so a 0 may follow the country code.
    if (/^0[1-9]\d{8,9}$/.test(digits)) digits = digits.slice(1);
  } else if (digits.startsWith('0')) digits = digits.slice(1);
  else return null;
  if (!/^[1-9]\d{8,9}$/.test(digits)) return null;
  // One digit repeated after the leading 0 (07777777777) is a placeholder typed to get past the form.
  if (/^(\d)\1+$/.test(digits)) return null;
  return `0${digits}`;
}

/** The stored form of a UK phone number: E.164 (+447700900123), or null if it cannot be one. */
export function canonicalUkPhone(text: string): string | null {
  const national = normaliseUkPhone(text);
  return national ? `+44${national.slice(1)}` : null;
}

/**
 * A number shown the UK way: 07700 900123, 020 7946 0000, 0117 496 0000,
 * 01632 960000, 0300 123 4567, 0800 123456. Anything that is not a UK number
 * is shown as it is.
 */
export function formatUkPhone(stored: string | null | undefined): string {
  if (!stored) return '';
  const n = normaliseUkPhone(stored);
  if (!n) return stored;
  if (n.length === 10) return `${n.slice(0, 4)} ${n.slice(4)}`; // 0800 123456, 01xxx xxxxx
  if (/^02/.test(n)) return `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
  if (/^01\d1|^011/.test(n) || /^0[3589]/.test(n)) return `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`;
  return `${n.slice(0, 5)} ${n.slice(5)}`; // mobiles (07…) and most 01 area codes
}

/** A UK postcode in its standard form (SW1A 1AA), or null. */
export function normaliseUkPostcode(text: string): string | null {
  const compact = text.toUpperCase().replace(/\s+/g, '');
  // GIR 0AA (Girobank, Bootle) is the one valid postcode outside the usual pattern.
  if (compact !== 'GIR0AA' && !/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/**
 * NHS numbers are ten digits whose last is a modulus-11 check digit: weights
 * 10..2 on the first nine digits, 11 minus the remainder; 11 means 0 and 10
 * means the number is invalid (NHS Data Dictionary).
 */
export function isValidNhsNumber(text: string): boolean {
  const digits = text.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  // 0000000000 and 1111111111 pass the check digit but are placeholders, never issued.
  if (/^(\d)\1+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** NHS numbers are written 3-3-4: 943 476 5919. */
export function formatNhsNumber(text: string): string {
  const d = text.replace(/[\s-]/g, '');
  return d.length === 10 ? `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}` : text;
}

const londonDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const londonDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function toDate(value: string | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An instant shown as the clinic's calendar day: 05/03/2026 (London time). */
export function formatUkInstantDate(value: string | Date): string {
  const d = toDate(value);
  return d ? londonDate.format(d) : '';
}

/** An instant shown as 05/03/2026 14:07:09 (London time, 24-hour clock). */
export function formatUkDateTime(value: string | Date): string {
  const d = toDate(value);
  return d ? londonDateTime.format(d).replace(',', '') : '';
}

/** An email address as it is compared and hashed: trimmed, lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
