/**
 * What the duplicate check is asked about, from a client form as typed: only
 * the facts that are already readable (a half-typed email or date is left out
 * rather than refused), so the check can run while the person types.
 */
import '../../zod-setup';
import type { MethodInput } from '../../../../src-main/contract/schemas';
import { email, ukPhone } from '../../../../src-main/contract/field-schemas';
import { parseUkDate } from '../../dates';
import type { ClientForm } from '../clients/client-form';

export type DuplicateProbe = MethodInput<'clients.findPossibleDuplicates'>;

export function duplicateProbeOf(form: ClientForm, excludeClientId?: string): DuplicateProbe | null {
  const probe: DuplicateProbe = {
    firstName: form.firstName.trim().slice(0, 100),
    lastName: form.lastName.trim().slice(0, 100),
    preferredName: form.preferredName.trim().slice(0, 100),
    dateOfBirth: parseUkDate(form.dateOfBirth) ?? '',
    email: email.safeParse(form.email).success ? form.email.trim() : '',
    mobile: ukPhone.safeParse(form.mobile).success ? form.mobile.trim() : '',
    ...(excludeClientId ? { excludeClientId } : {}),
  };
  const named = probe.dateOfBirth !== '' && (probe.firstName !== '' || probe.lastName !== '');
  return named || probe.email !== '' || probe.mobile !== '' ? probe : null;
}

/** A stable key for a probe, so the same facts are not asked about twice. */
export function probeKey(probe: DuplicateProbe | null): string {
  return probe ? JSON.stringify(probe) : '';
}
