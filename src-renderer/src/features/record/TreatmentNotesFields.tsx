import { DateField, TextAreaField } from '../../components/Field';
import type { TreatmentFieldsProps } from './treatment-fields';

/** Notes, aftercare, the follow-up date and the signed consent form. */
export function TreatmentNotesFields(
  props: TreatmentFieldsProps & { onConsentFile: (file: File | null) => void },
) {
  const { form, set, errors } = props;
  return (
    <fieldset className="form-section">
      <legend className="form-section__title">Notes and aftercare</legend>
      <div className="form-stack">
        <TextAreaField
          label="Treatment notes"
          rows={4}
          value={form.notes}
          onChange={set('notes')}
          error={errors.notes}
        />
        <TextAreaField
          label="Aftercare given"
          value={form.aftercare}
          onChange={set('aftercare')}
          error={errors.aftercare}
        />
        <DateField
          label="Follow-up date"
          hint="DD/MM/YYYY, if a review is booked or due."
          value={form.followUpOn}
          onChange={set('followUpOn')}
          error={errors.followUpOn}
        />
        <div className="field">
          <label className="field__label" htmlFor="treatment-consent-file">
            Signed consent form
          </label>
          <p className="field__hint">Optional. A PDF or a photo of the signed form.</p>
          <input
            id="treatment-consent-file"
            className="file-input"
            type="file"
            accept="application/pdf,image/*,.heic"
            onChange={(e) => props.onConsentFile(e.target.files?.[0] ?? null)}
          />
          {errors.consentForm ? <p className="field__error">{errors.consentForm}</p> : null}
        </div>
      </div>
    </fieldset>
  );
}
