import { SelectField, TextAreaField, TextField } from '../../components/Field';
import type { FieldErrors } from '../../validation';
import { BANK_HOLIDAY_OPTIONS, type ClinicForm } from './clinic-form';

/** The clinic's details, used by first-run set-up and by Settings. Errors are keyed by ClinicSettings field. */
export function ClinicDetailsFields(props: {
  value: ClinicForm;
  /** The new value, and which field changed (so its error can be cleared). */
  onChange: (next: ClinicForm, changed: keyof ClinicForm) => void;
  errors: FieldErrors;
}) {
  const { value, errors } = props;
  const set =
    <K extends keyof ClinicForm>(key: K) =>
    (v: ClinicForm[K]) =>
      props.onChange({ ...value, [key]: v }, key);

  return (
    <div className="form-grid">
      <TextField
        className="form-grid__full"
        label="Clinic name"
        value={value.clinicName}
        onChange={set('clinicName')}
        autoComplete="organization"
        error={errors.clinicName}
        required
      />
      <TextAreaField
        className="form-grid__full"
        label="Address"
        hint="One line per row. The postcode has its own box."
        rows={3}
        value={value.address}
        onChange={set('address')}
        autoComplete="street-address"
        error={errors.addressLines}
      />
      <TextField
        label="Postcode"
        value={value.postcode}
        onChange={set('postcode')}
        autoComplete="postal-code"
        inputClassName="input--short"
        error={errors.postcode}
      />
      <TextField
        label="Phone"
        type="tel"
        value={value.phone}
        onChange={set('phone')}
        autoComplete="tel"
        error={errors.phone}
      />
      <TextField
        label="Email"
        type="email"
        value={value.email}
        onChange={set('email')}
        autoComplete="email"
        error={errors.email}
      />
      <TextField
        label="ICO registration number"
        hint="From your data protection fee certificate, like ZA123456."
        value={value.icoRegistrationNumber}
        onChange={set('icoRegistrationNumber')}
        inputClassName="input--short"
        error={errors.icoRegistrationNumber}
      />
      <TextField
        className="form-grid__full"
        label="Data protection contact"
        hint="Who clients should contact about their data: a name, role or email address."
        value={value.dataProtectionContact}
        onChange={set('dataProtectionContact')}
        error={errors.dataProtectionContact}
      />
      <SelectField
        label="Bank holidays"
        hint="Used when working out deadlines in working days."
        value={value.bankHolidayRegion}
        onChange={set('bankHolidayRegion')}
        options={BANK_HOLIDAY_OPTIONS}
        error={errors.bankHolidayRegion}
      />
    </div>
  );
}
