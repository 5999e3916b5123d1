/**
 * Field-level schemas with messages written for the person at the desk. Used
 * by every input schema, so "a UK postcode" is checked one way everywhere.
 */
import { z } from 'zod';
import { canonicalUkPhone, isRealIsoDate, isValidNhsNumber, normaliseUkPostcode } from './uk-formats';
import { hasUnsafeLineCharacters, hasUnsafeNoteCharacters, normaliseLineEnds } from './text-rules';

const tooLong = (max: number) => `Keep this under ${max.toLocaleString('en-GB')} characters.`;

/** The field message for a refused character: says what is wrong and what to do. */
function unsafeCharactersMessage(what: string | undefined, kind: 'line' | 'note'): string {
  const subject = what ? `The ${what}` : kind === 'note' ? 'A note' : 'This';
  return kind === 'note'
    ? `${subject} can hold new lines and tabs, but not other control or text-direction characters: type it again rather than pasting it.`
    : `${subject} cannot contain control or text-direction characters: type it again rather than pasting it.`;
}

/**
 * One line of text: a name, a label, a batch number. Refuses control and
 * text-direction characters (docs/text-hygiene.md); `what` names the field in
 * the message.
 */
export const text = (max: number, what?: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong(max))
    .refine((v) => !hasUnsafeLineCharacters(v), { message: unsafeCharactersMessage(what, 'line') });
export const requiredText = (max: number, what: string) => text(max, what).min(1, `Enter the ${what}.`);

/** Text that may run over several lines (notes, histories, wording): new lines and tabs are its only controls. */
export const note = (max: number, what?: string) =>
  z
    .string()
    .overwrite(normaliseLineEnds)
    .trim()
    .max(max, tooLong(max))
    .refine((v) => !hasUnsafeNoteCharacters(v), { message: unsafeCharactersMessage(what, 'note') });
export const requiredNote = (max: number, what: string) => note(max, what).min(1, `Enter the ${what}.`);

/**
 * A UK phone number, stored in E.164 (+447700900123) however it was typed
 * ("+44 (0)7700 900123", "0044 …", spaces, dashes), so one number is one value
 * everywhere: the TPS screening history is keyed by it (docs/phones-and-tps.md).
 * Shown the UK way with formatUkPhone.
 */
export const ukPhone = z
  .string()
  .trim()
  .max(30)
  // \s lets a new line through the number check.
  .refine((v) => !hasUnsafeLineCharacters(v), { message: unsafeCharactersMessage('phone number', 'line'), abort: true })
  .refine((v) => v === '' || canonicalUkPhone(v) !== null, {
    message: 'Enter a UK phone number, like 07700 900123 or +44 20 7946 0000 (not one digit repeated).',
  })
  .transform((v) => (v === '' ? '' : canonicalUkPhone(v)!));

/**
 * A Facebook Messenger username (the part after m.me/). A pasted m.me or
 * facebook.com link, or a leading @, is reduced to the username.
 */
export const messengerHandle = z
  .string()
  .trim()
  .max(200)
  .transform((v) => v.replace(/^(https?:\/\/)?(www\.)?(m\.me|facebook\.com|messenger\.com\/t)\//i, '').replace(/^@/, '').replace(/\/+$/, ''))
  .refine((v) => v === '' || /^[A-Za-z0-9._-]{1,100}$/.test(v), {
    message: 'Enter the Messenger username, like jane.doe.5 (the part after m.me/), without spaces.',
  });

export const email = z
  .string()
  .trim()
  .max(254)
  .refine((v) => !hasUnsafeLineCharacters(v), { message: unsafeCharactersMessage('email address', 'line'), abort: true })
  .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(v), {
    message: 'Enter an email address like name@example.co.uk.',
  });

/** Stored in its standard form (SW1A 1AA) whatever spacing was typed. */
export const ukPostcode = z
  .string()
  .trim()
  .refine((v) => v === '' || normaliseUkPostcode(v) !== null, { message: 'Enter a UK postcode, like SW1A 1AA.' })
  .transform((v) => (v === '' ? '' : normaliseUkPostcode(v)!));

export const nhsNumber = z
  .string()
  .trim()
  .refine((v) => v === '' || isValidNhsNumber(v), {
    message: 'That is not a valid NHS number: check the 10 digits (the last is a check digit; one digit repeated is not a number).',
  })
  .transform((v) => v.replace(/[\s-]/g, ''));

/** An ISO calendar date (YYYY-MM-DD). The UI turns DD/MM/YYYY into this. */
export const isoDate = z.string().refine(isRealIsoDate, { message: 'Enter a real date, like 25/12/1990.' });

/**
 * A date that is not after `today()`. `today` is read when parsing, so the
 * rule follows the clock without the schema being rebuilt.
 */
export const pastOrTodayDate = (what: string, today: () => string) =>
  isoDate.refine((v) => v <= today(), { message: `The ${what} cannot be in the future.` });

export const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'Not a valid id.');

/** Today's date in London, as YYYY-MM-DD. */
export function londonToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}

/**
 * The changes of an update: every field optional and without its default, so a
 * field the caller leaves out stays as it is. (zod 4 applies an inner .default()
 * even under .optional(), so `.partial()` would reset every omitted field.)
 */
export function changesOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([k, s]) => [k, ((s instanceof z.ZodDefault ? s.unwrap() : s) as z.ZodType).optional()]),
  );
  return z.object(shape) as unknown as z.ZodObject<{ [K in keyof T]: z.ZodOptional<T[K]> }>;
}
