/**
 * The client-details form's state (as typed: dates DD/MM/YYYY, address one line
 * per row) and how it maps to and from the contract's ClientIdentity.
 */
import '../../zod-setup';
import type { ClientIdentity } from '../../../../src-main/contract/record-types';
import { clientRuleIssues } from '../../../../src-main/contract/client-rules';
import { clientIdentitySchema } from '../../../../src-main/contract/record-schemas';
import { formatUkPhone } from '../../../../src-main/contract/uk-formats';
import { formatDay, parseUkDate, todayIso } from '../../dates';
import { check, issuesToFieldErrors, type FieldErrors } from '../../validation';

export interface PhoneRow {
  label: string;
  number: string;
}

export interface ClientForm {
  firstName: string;
  lastName: string;
  preferredName: string;
  /** As typed: DD/MM/YYYY. */
  dateOfBirth: string;
  gender: string;
  /** One address line per row. */
  address: string;
  postcode: string;
  email: string;
  mobile: string;
  otherPhones: PhoneRow[];
  messengerHandle: string;
  nhsNumber: string;
  occupation: string;
  /** Comma-separated. */
  treatmentInterests: string;
  gpName: string;
  gpPractice: string;
  gpAddress: string;
  gpPhone: string;
  notes: string;
}

export const EMPTY_CLIENT_FORM: ClientForm = {
  firstName: '',
  lastName: '',
  preferredName: '',
  dateOfBirth: '',
  gender: '',
  address: '',
  postcode: '',
  email: '',
  mobile: '',
  otherPhones: [],
  messengerHandle: '',
  nhsNumber: '',
  occupation: '',
  treatmentInterests: '',
  gpName: '',
  gpPractice: '',
  gpAddress: '',
  gpPhone: '',
  notes: '',
};

export function clientFormFromRecord(c: ClientIdentity): ClientForm {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    preferredName: c.preferredName,
    dateOfBirth: formatDay(c.dateOfBirth),
    gender: c.gender,
    address: c.addressLines.join('\n'),
    postcode: c.postcode,
    email: c.email,
    // Stored in E.164; shown and edited the UK way.
    mobile: formatUkPhone(c.mobile),
    otherPhones: c.otherPhones.map((p) => ({ ...p, number: formatUkPhone(p.number) })),
    messengerHandle: c.messengerHandle,
    nhsNumber: c.nhsNumber,
    occupation: c.occupation,
    treatmentInterests: c.treatmentInterests.join(', '),
    gpName: c.gp?.name ?? '',
    gpPractice: c.gp?.practice ?? '',
    gpAddress: c.gp?.address ?? '',
    gpPhone: formatUkPhone(c.gp?.phone ?? ''),
    notes: c.notes,
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** The contract input for the form. An unreadable date of birth is passed on as typed (and reported). */
export function clientInputFromForm(f: ClientForm): ClientIdentity {
  const gp = {
    name: f.gpName.trim(),
    practice: f.gpPractice.trim(),
    address: f.gpAddress.trim(),
    phone: f.gpPhone.trim(),
  };
  const hasGp = Object.values(gp).some((v) => v !== '');
  return {
    firstName: f.firstName,
    lastName: f.lastName,
    preferredName: f.preferredName,
    dateOfBirth: parseUkDate(f.dateOfBirth) ?? f.dateOfBirth.trim(),
    gender: f.gender,
    addressLines: lines(f.address),
    postcode: f.postcode,
    email: f.email,
    mobile: f.mobile,
    otherPhones: f.otherPhones.filter((p) => p.label.trim() !== '' || p.number.trim() !== ''),
    messengerHandle: f.messengerHandle,
    nhsNumber: f.nhsNumber,
    occupation: f.occupation,
    treatmentInterests: f.treatmentInterests
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
    gp: hasGp ? gp : null,
    notes: f.notes,
  };
}

/**
 * Inline checks with the schema the app enforces. Errors are keyed by the
 * contract's field paths (dateOfBirth, gp.phone, otherPhones.0.number…), the
 * same keys the app's VALIDATION issues use.
 */
export function checkClientForm(f: ClientForm): FieldErrors {
  const input = clientInputFromForm(f);
  const errors = check(clientIdentitySchema, input);
  if (f.dateOfBirth.trim() === '') errors.dateOfBirth = 'Enter the date of birth, like 25/12/1990.';
  else if (parseUkDate(f.dateOfBirth) === null) errors.dateOfBirth = 'Enter a real date, like 25/12/1990.';
  else Object.assign(errors, issuesToFieldErrors(clientRuleIssues(input, todayIso())));
  return foldListErrors(errors);
}

/** `addressLines.2` is shown on the one address box; `treatmentInterests.0` on its box. */
export function foldListErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    let key = field;
    if (key.startsWith('addressLines')) key = 'addressLines';
    else if (key.startsWith('treatmentInterests')) key = 'treatmentInterests';
    else if (key === 'gp') key = 'gp.name';
    if (!(key in out)) out[key] = message;
  }
  return out;
}

/** Only the fields whose value changed, for an update with its own history entry per field. */
export function changedFields(before: ClientIdentity, after: ClientIdentity): Partial<ClientIdentity> {
  const out: Partial<ClientIdentity> = {};
  for (const key of Object.keys(after) as (keyof ClientIdentity)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      (out as Record<string, unknown>)[key] = after[key];
    }
  }
  return out;
}
