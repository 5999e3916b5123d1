import type { Ref } from 'react';
import { Checkbox } from '../../components/Checkbox';
import { DateField, TextAreaField, TextField } from '../../components/Field';
import type { TreatmentFieldsProps } from './treatment-fields';

/** The under-18 exception of the 2021 Act: the approving doctor, their GMC number, the date of their assessment and their reason. */
export function DoctorApprovalFields(props: TreatmentFieldsProps & { ref: Ref<HTMLDivElement> }) {
  const { form, set, errors, ref } = props;
  return (
    <fieldset className="form-section form-section--exception">
      <legend className="form-section__title">Under-18 exception: doctor&rsquo;s approval</legend>
      <div ref={ref} className="form-stack">
        <Checkbox checked={form.doctorApproval} onChange={set('doctorApproval', 'doctorException')}>
          A registered doctor has approved this treatment
        </Checkbox>
        {form.doctorApproval ? (
          <div className="form-grid">
            <TextField
              label="Doctor’s name"
              value={form.doctorName}
              onChange={set('doctorName', 'doctorException.doctorName')}
              error={errors['doctorException.doctorName']}
              dir="auto"
            />
            <TextField
              label="GMC number"
              hint="7 digits."
              inputMode="numeric"
              inputClassName="input--short input--mono"
              value={form.gmcNumber}
              onChange={set('gmcNumber', 'doctorException.gmcNumber')}
              error={errors['doctorException.gmcNumber']}
            />
            <DateField
              label="Date of the doctor’s assessment"
              hint="DD/MM/YYYY, on or before the treatment date."
              value={form.doctorAssessedOn}
              onChange={set('doctorAssessedOn', 'doctorException.assessedOn')}
              error={errors['doctorException.assessedOn']}
            />
            <TextAreaField
              label="The doctor’s reason"
              value={form.doctorReason}
              onChange={set('doctorReason', 'doctorException.reason')}
              error={errors['doctorException.reason']}
            />
          </div>
        ) : null}
      </div>
    </fieldset>
  );
}
