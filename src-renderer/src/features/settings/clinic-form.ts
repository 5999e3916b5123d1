/** The clinic-details form's state, and how it maps to and from the contract's ClinicSettings. */
import type { BankHolidayRegion, ClinicSettings } from '../../../../src-main/contract/types';
import { formatUkPhone } from '../../../../src-main/contract/uk-formats';
import type { FieldErrors } from '../../validation';

export interface ClinicForm {
  clinicName: string;
  /** One address line per row. */
  address: string;
  postcode: string;
  phone: string;
  email: string;
  icoRegistrationNumber: string;
  dataProtectionContact: string;
  bankHolidayRegion: BankHolidayRegion;
}

export const EMPTY_CLINIC_FORM: ClinicForm = {
  clinicName: '',
  address: '',
  postcode: '',
  phone: '',
  email: '',
  icoRegistrationNumber: '',
  dataProtectionContact: '',
  bankHolidayRegion: 'england-and-wales',
};

export const BANK_HOLIDAY_OPTIONS: { value: BankHolidayRegion; label: string }[] = [
  { value: 'england-and-wales', label: 'England and Wales' },
  { value: 'scotland', label: 'Scotland' },
  { value: 'northern-ireland', label: 'Northern Ireland' },
];

export function clinicFormFromSettings(s: ClinicSettings): ClinicForm {
  return {
    clinicName: s.clinicName,
    address: s.addressLines.join('\n'),
    postcode: s.postcode,
    phone: formatUkPhone(s.phone),
    email: s.email,
    icoRegistrationNumber: s.icoRegistrationNumber,
    dataProtectionContact: s.dataProtectionContact,
    bankHolidayRegion: s.bankHolidayRegion,
  };
}

/** The clinic's details from the form; the other settings (auto-lock, upload limit, reception's view, review period) have their own fields. */
export function clinicInputFromForm(
  f: ClinicForm,
): Omit<
  ClinicSettings,
  'autoLockMinutes' | 'maxUploadMB' | 'receptionSeesVisitSummary' | 'medicalReviewMonths' | 'marketingIncludesIncompleteEvidence'
> {
  return {
    clinicName: f.clinicName,
    addressLines: f.address
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    postcode: f.postcode,
    phone: f.phone,
    email: f.email,
    icoRegistrationNumber: f.icoRegistrationNumber,
    dataProtectionContact: f.dataProtectionContact,
    bankHolidayRegion: f.bankHolidayRegion,
  };
}

/** The ClinicSettings field a form field's errors are reported under. */
export function settingsFieldOf(key: keyof ClinicForm): string {
  return key === 'address' ? 'addressLines' : key;
}

/**
 * The errors under one prefix (e.g. `clinic.`), with the prefix removed and
 * `addressLines.N` folded onto the single address box.
 */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    if (!field.startsWith(prefix)) continue;
    let key = field.slice(prefix.length);
    if (key.startsWith('addressLines')) key = 'addressLines';
    if (!(key in out)) out[key] = message;
  }
  return out;
}
