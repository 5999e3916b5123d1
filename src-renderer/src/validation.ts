/**
 * Inline checks before a call, using the same schemas the app enforces, so the
 * messages match what the app would say. Zod runs without its JIT because the
 * renderer's CSP forbids eval (see zod-setup.ts).
 */
import './zod-setup';
import type { z } from 'zod';
import type { FieldIssue } from '../../src-main/contract/errors';
import { newPasswordSchema } from '../../src-main/contract/schemas';

export type FieldErrors = Record<string, string>;

/** Field path -> first message, from zod issues or the app's VALIDATION issues. */
export function issuesToFieldErrors(issues: readonly FieldIssue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) if (!(issue.field in out)) out[issue.field] = issue.message;
  return out;
}

export function check<T>(schema: z.ZodType<T>, value: unknown, prefix = ''): FieldErrors {
  const result = schema.safeParse(value);
  if (result.success) return {};
  return issuesToFieldErrors(
    result.error.issues.map((i) => ({ field: prefix + i.path.map(String).join('.'), message: i.message })),
  );
}

/** New password + confirmation, checked the same way everywhere a password is chosen. */
export function checkNewPassword(
  password: string,
  confirm: string,
  field: string,
  confirmField: string,
): FieldErrors {
  const errors: FieldErrors = {};
  const result = newPasswordSchema.safeParse(password);
  if (!result.success) errors[field] = result.error.issues[0]?.message ?? 'Choose a longer password.';
  else if (password !== confirm) errors[confirmField] = 'The two passwords do not match.';
  return errors;
}
