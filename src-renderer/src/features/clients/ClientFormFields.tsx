import { DateField, TextAreaField, TextField } from '../../components/Field';
import type { FieldErrors } from '../../validation';
import type { ClientForm, PhoneRow } from './client-form';

const MAX_OTHER_PHONES = 4;

/**
 * Every ClientIdentity field, in the order a receptionist asks for them.
 * Errors are keyed by the contract's field paths (see client-form.ts).
 */
export function ClientFormFields(props: {
  value: ClientForm;
  /** The new value, and the contract field that changed (so its error can be cleared). */
  onChange: (next: ClientForm, changedField: string) => void;
  errors: FieldErrors;
  autoFocus?: boolean;
}) {
  const { value, errors } = props;
  const set =
    <K extends keyof ClientForm>(key: K, field: string = key) =>
    (v: ClientForm[K]) =>
      props.onChange({ ...value, [key]: v }, field);

  const setPhone = (index: number, patch: Partial<PhoneRow>) => {
    const otherPhones = value.otherPhones.map((p, i) => (i === index ? { ...p, ...patch } : p));
    props.onChange({ ...value, otherPhones }, `otherPhones.${index}`);
  };

  return (
    <div className="form-sections">
      <fieldset className="form-section">
        <legend className="form-section__title">Name and date of birth</legend>
        <div className="form-grid">
          <TextField
            label="First name"
            value={value.firstName}
            onChange={set('firstName')}
            error={errors.firstName}
            autoComplete="off"
            autoFocus={props.autoFocus}
            dir="auto"
            required
          />
          <TextField
            label="Last name"
            value={value.lastName}
            onChange={set('lastName')}
            error={errors.lastName}
            dir="auto"
            required
          />
          <TextField
            label="Preferred name"
            hint="What they like to be called, if different."
            value={value.preferredName}
            onChange={set('preferredName')}
            error={errors.preferredName}
            dir="auto"
          />
          <DateField
            label="Date of birth"
            hint="DD/MM/YYYY, like 25/12/1990."
            value={value.dateOfBirth}
            onChange={set('dateOfBirth')}
            error={errors.dateOfBirth}
            required
          />
          <TextField label="Gender" value={value.gender} onChange={set('gender')} error={errors.gender} />
          <TextField
            label="Occupation"
            value={value.occupation}
            onChange={set('occupation')}
            error={errors.occupation}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend className="form-section__title">Contact</legend>
        <div className="form-grid">
          <TextField
            label="Mobile"
            type="tel"
            value={value.mobile}
            onChange={set('mobile')}
            error={errors.mobile}
          />
          <TextField
            label="Email"
            type="email"
            value={value.email}
            onChange={set('email')}
            error={errors.email}
          />
          <TextAreaField
            className="form-grid__full"
            label="Address"
            hint="One line per row. The postcode has its own box."
            rows={3}
            value={value.address}
            onChange={set('address', 'addressLines')}
            error={errors.addressLines}
          />
          <TextField
            label="Postcode"
            value={value.postcode}
            onChange={set('postcode')}
            inputClassName="input--short"
            error={errors.postcode}
          />
        </div>
        <div className="phone-rows">
          {value.otherPhones.map((p, i) => (
            <div className="phone-row" key={i}>
              <TextField
                label={`Other phone ${i + 1}: label`}
                hint={i === 0 ? 'Like Home or Work.' : undefined}
                value={p.label}
                onChange={(v) => setPhone(i, { label: v })}
                error={errors[`otherPhones.${i}.label`]}
              />
              <TextField
                label={`Other phone ${i + 1}: number`}
                type="tel"
                value={p.number}
                onChange={(v) => setPhone(i, { number: v })}
                error={errors[`otherPhones.${i}.number`]}
              />
              <button
                type="button"
                className="button button--small button--danger-quiet phone-row__remove"
                aria-label={`Remove other phone ${i + 1}`}
                onClick={() =>
                  props.onChange(
                    { ...value, otherPhones: value.otherPhones.filter((_, j) => j !== i) },
                    'otherPhones',
                  )
                }
              >
                Remove
              </button>
            </div>
          ))}
          {value.otherPhones.length < MAX_OTHER_PHONES ? (
            <button
              type="button"
              className="button button--small"
              onClick={() =>
                props.onChange(
                  { ...value, otherPhones: [...value.otherPhones, { label: '', number: '' }] },
                  'otherPhones',
                )
              }
            >
              Add another phone number
            </button>
          ) : null}
        </div>
        <div className="form-grid">
          <TextField
            label="Messenger handle"
            hint="Optional. The Facebook Messenger username (the part after m.me/), used only for Messenger marketing."
            value={value.messengerHandle}
            onChange={set('messengerHandle')}
            error={errors.messengerHandle}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend className="form-section__title">GP and NHS</legend>
        <div className="form-grid">
          <TextField
            label="NHS number"
            hint="10 digits, if they know it."
            inputMode="numeric"
            inputClassName="input--short"
            value={value.nhsNumber}
            onChange={set('nhsNumber')}
            error={errors.nhsNumber}
          />
          <TextField
            label="GP's name"
            value={value.gpName}
            onChange={set('gpName', 'gp.name')}
            error={errors['gp.name']}
            dir="auto"
          />
          <TextField
            label="GP practice"
            value={value.gpPractice}
            onChange={set('gpPractice', 'gp.practice')}
            error={errors['gp.practice']}
          />
          <TextField
            label="GP practice phone"
            type="tel"
            value={value.gpPhone}
            onChange={set('gpPhone', 'gp.phone')}
            error={errors['gp.phone']}
          />
          <TextAreaField
            className="form-grid__full"
            label="GP practice address"
            rows={2}
            value={value.gpAddress}
            onChange={set('gpAddress', 'gp.address')}
            error={errors['gp.address']}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend className="form-section__title">Interests and notes</legend>
        <div className="form-stack">
          <TextField
            label="Treatment interests"
            hint="Separate them with commas, like Lips, Skin boosters."
            value={value.treatmentInterests}
            onChange={set('treatmentInterests')}
            error={errors.treatmentInterests}
          />
          <TextAreaField
            label="Notes"
            hint="Preferences and anything reception should know. Clinical notes belong in the Medical tab."
            rows={4}
            value={value.notes}
            onChange={set('notes')}
            error={errors.notes}
          />
        </div>
      </fieldset>
    </div>
  );
}
