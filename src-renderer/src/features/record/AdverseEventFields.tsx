import { Checkbox } from '../../components/Checkbox';
import { TextAreaField, TextField } from '../../components/Field';
import type { TreatmentFieldsProps } from './treatment-fields';

/** An adverse event and whether it was reported to the MHRA Yellow Card scheme. */
export function AdverseEventFields(props: TreatmentFieldsProps) {
  const { form, set, errors } = props;
  return (
    <fieldset className="form-section">
      <legend className="form-section__title">Adverse event</legend>
      <div className="form-stack">
        <TextAreaField
          label="Adverse event"
          hint="Leave empty if there was none. Describe any reaction or complication."
          value={form.adverseEvent}
          onChange={set('adverseEvent')}
          error={errors.adverseEvent}
        />
        {form.adverseEvent.trim() ? (
          <div className="form-grid">
            <Checkbox checked={form.mhraReported} onChange={set('mhraReported')}>
              Reported to the MHRA Yellow Card scheme
            </Checkbox>
            {form.mhraReported ? (
              <TextField
                label="Yellow Card reference"
                value={form.mhraReference}
                onChange={set('mhraReference')}
                error={errors.mhraReference}
                inputClassName="input--mono"
              />
            ) : null}
          </div>
        ) : null}
      </div>
    </fieldset>
  );
}
