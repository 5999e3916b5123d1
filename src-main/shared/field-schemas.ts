/**
 * Field-level schemas with messages written for the person at the desk. Used
 * by every input schema, so "a UK postcode" is checked one way everywhere.
 */
import { z } from 'zod';
import { isRealIsoDate, isValidNhsNumber, normaliseUkPhone, normaliseUkPostcode } from './uk-formats';

export const text = (max: number) => z.string().trim().max(max, `Keep this under ${max.toLocaleString('en-GB')} characters.`);
export const requiredText = (max: number, what: string) => text(max).min(1, `Enter the ${what}.`);

export const ukPhone = z
  .string()
  .trim()
  .max(30)
  .refine((v) => v === '' || normaliseUkPhone(v) !== null, {
    message: 'Enter a UK phone number, like 07700 900123 or +44 20 7946 0000.',
  });

export const email = z
  .string()
  .trim()
  .max(254)
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
    message: 'That is not a valid NHS number: check the 10 digits (the last is a check digit).',
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
