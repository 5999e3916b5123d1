import { DateField, SelectField, TextField } from '../../components/Field';

export type HealthChoice = '' | 'reviewer_is_health_professional' | 'health_opinion' | 'already_seen';

const OPTIONS = [
  { value: '', label: 'Choose how this is confirmed…' },
  { value: 'reviewer_is_health_professional', label: 'I am the appropriate health professional' },
  { value: 'health_opinion', label: 'A health professional gave an opinion in the last six months' },
  { value: 'already_seen', label: 'The person has already seen this health data' },
] as const;

/** The DPA 2018 Sch 3 check the owner records before health data leaves the clinic. */
export function HealthCheckFields(props: {
  choice: HealthChoice;
  onChoice(c: HealthChoice): void;
  name: string;
  onName(v: string): void;
  date: string;
  onDate(v: string): void;
}) {
  return (
    <fieldset className="access-pack__health">
      <legend>Health data check (DPA 2018 Sch 3)</legend>
      <SelectField label="How is disclosing the health data confirmed?" value={props.choice} onChange={(v) => props.onChoice(v as HealthChoice)} options={OPTIONS} />
      {props.choice === 'health_opinion' ? (
        <div className="request-inline">
          <TextField label="Health professional’s name" value={props.name} onChange={props.onName} maxLength={200} />
          <DateField label="Date of their opinion" value={props.date} onChange={props.onDate} />
        </div>
      ) : null}
    </fieldset>
  );
}
