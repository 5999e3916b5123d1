/**
 * Input schemas: one per contract method. Every call is parsed against these at
 * the boundary (IPC handler, browser host, CLI) before the core sees it, and the
 * core parses again, so a direct call cannot skip them.
 */
import { z } from 'zod';
import { ROLES } from './permissions';
import { BANK_HOLIDAY_REGIONS } from './types';
import { changesOf, email, idSchema, requiredText, text, ukPhone, ukPostcode } from './field-schemas';
import { recordSchemas } from './record-schemas';
import { consentSchemas } from './consent-schemas';
import { auditSchemas } from './audit-schemas';
import { alertSchemas } from './alert-schemas';
import { duplicateSchemas } from './duplicate-schemas';
import { tpsSchemas } from './tps-schemas';
import { calendarSchemas } from './calendar-schemas';
import { accessPackMethodSchemas } from './access-pack-schemas';
import { processingSchemas } from './processing-schemas';
import { requestSchemas } from './request-schemas';
import { erasureSchemas } from './erasure-schemas';
import { retentionSchemas } from './retention-schemas';
import { retentionActionSchemas } from './retention-action-schemas';
import { backupSchemas } from './backup-schemas';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Usernames are at least 3 characters.')
  .max(32, 'Usernames are at most 32 characters.')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Use letters, numbers, dots, dashes or underscores only.');

export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Passwords must be at least ${MIN_PASSWORD_LENGTH} characters long.`)
  .max(MAX_PASSWORD_LENGTH, 'That password is too long.');

function wholeNumber(what: string, min: number, max: number) {
  const range = `The number of ${what} must be a whole number from ${min.toLocaleString('en-GB')} to ${max.toLocaleString('en-GB')}.`;
  return z.number(range).int(range).min(min, range).max(max, range);
}

/** Sign-in accepts any non-empty password: the length rule is for new ones. */
const passwordSchema = z.string().min(1, 'Enter your password.').max(MAX_PASSWORD_LENGTH);

export const clinicSettingsSchema = z.object({
  clinicName: requiredText(200, 'clinic name'),
  addressLines: z.array(text(200, 'address line')).max(6).default([]),
  postcode: ukPostcode.default(''),
  phone: ukPhone.default(''),
  email: email.default(''),
  icoRegistrationNumber: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => v === '' || /^[A-Z]{0,2}\d{6,8}$/.test(v), {
      message: 'ICO registration numbers look like ZA123456.',
    })
    .default(''),
  dataProtectionContact: text(200, 'data protection contact').default(''),
  bankHolidayRegion: z
    .enum(BANK_HOLIDAY_REGIONS, {
      error: 'Choose the bank holidays for England and Wales (england-and-wales), Scotland (scotland) or Northern Ireland (northern-ireland).',
    })
    .default('england-and-wales'),
  autoLockMinutes: z
    .number()
    .int()
    .min(1, 'Lock after at least 1 minute.')
    .max(60, 'Lock after at most 60 minutes.')
    .default(5),
  /** Largest photo or document accepted, in MB. */
  maxUploadMB: z.number().int().min(1, 'At least 1 MB.').max(500, 'At most 500 MB.').default(50),
  /**
   * Whether reception sees a client's treatment and photo counts and last visit date.
   * On by default (reception books follow-ups); the core leaves them out when off.
   */
  receptionSeesVisitSummary: z.boolean('Choose yes or no.').default(true),
  /**
   * Whether the marketing list includes consents whose evidence is incomplete
   * (no privacy-notice version or no wording; Art 7(1)). Off by default: they
   * are left out and counted; when on, they are included and counted apart.
   */
  marketingIncludesIncompleteEvidence: z.boolean('Choose yes or no.').default(false),
  /**
   * A medical history not reviewed within this many months is flagged to
   * practitioners, and a new treatment then needs the "reviewed today" tick
   * (docs/clinical-alerts.md).
   */
  medicalReviewMonths: z
    .number('Enter a whole number of months from 1 to 60.')
    .int('Enter a whole number of months from 1 to 60.')
    .min(1, 'Enter a whole number of months from 1 to 60.')
    .max(60, 'Enter a whole number of months from 1 to 60.')
    .default(12),
});

export const newStaffSchema = z.object({
  username: usernameSchema,
  displayName: requiredText(100, 'name'),
  role: z.enum(ROLES),
  password: newPasswordSchema,
});

export const schemas = {
  'app.status': z.undefined(),
  'vault.setup': z.object({
    clinic: clinicSettingsSchema,
    owner: newStaffSchema.omit({ role: true }),
  }),
  'vault.confirmRecoveryKey': z.undefined(),
  'vault.verify': z.undefined(),
  'vault.acceptRollback': z.undefined(),
  /** A new recovery key replaces the old one (lost, or never confirmed); needs the owner's password. */
  'vault.reissueRecoveryKey': z.object({ password: passwordSchema }),
  /** Fills an empty vault with made-up clients (demos, training, load tests); owner only, refused once any client exists. */
  'vault.seedSynthetic': z.object({
    clients: wholeNumber('clients', 1, 1_000_000),
    seed: wholeNumber('seed', 0, 0xffffffff).default(1),
    treatmentsPerClient: wholeNumber('treatments per client', 0, 100).default(8),
    photoClients: wholeNumber('photo clients', 0, 10_000).default(0),
  }),
  'vault.rotateDatabaseKey': z.undefined(),
  'session.signIn': z.object({ username: z.string().trim().toLowerCase().min(1, 'Enter your username.').max(64), password: passwordSchema }),
  'session.recover': z.object({
    username: z.string().trim().toLowerCase().min(1, 'Enter your username.').max(64),
    recoveryKey: z.string().trim().min(1, 'Enter the recovery key.').max(200),
    newPassword: newPasswordSchema,
  }),
  'session.signOut': z.undefined(),
  /** reason 'idle': the screen locked itself after the auto-lock period (recorded as such). */
  'session.lock': z.object({ reason: z.enum(['manual', 'idle']).default('manual') }).optional(),
  'session.touch': z.undefined(),
  'session.changePassword': z.object({ currentPassword: passwordSchema, newPassword: newPasswordSchema }),
  'staff.list': z.undefined(),
  'staff.add': newStaffSchema,
  /** rotateDatabaseKey: also re-encrypt the database under a new key, so what they may have copied stops opening it. */
  'staff.remove': z.object({ staffId: idSchema, rotateDatabaseKey: z.boolean().default(false) }),
  'staff.resetPassword': z.object({ staffId: idSchema, newPassword: newPasswordSchema }),
  'settings.get': z.undefined(),
  'settings.update': changesOf(clinicSettingsSchema),
  ...auditSchemas,
  ...recordSchemas,
  ...consentSchemas,
  ...alertSchemas,
  ...duplicateSchemas,
  ...tpsSchemas,
  ...calendarSchemas,
  ...accessPackMethodSchemas,
  ...requestSchemas,
  ...processingSchemas,
  ...erasureSchemas,
  ...retentionSchemas,
  ...retentionActionSchemas,
  ...backupSchemas,
} as const;

export type Method = keyof typeof schemas;
export type MethodInput<M extends Method> = z.input<(typeof schemas)[M]>;
export type ParsedInput<M extends Method> = z.output<(typeof schemas)[M]>;

export const METHODS = Object.keys(schemas) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(schemas, name);
}
