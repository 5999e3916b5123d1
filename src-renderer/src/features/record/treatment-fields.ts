import type { TreatmentForm } from './treatment-form';

/** Sets one field of the add-treatment form; `field` names the error it clears, when that differs from the key. */
export type SetTreatmentField = <K extends keyof TreatmentForm>(
  key: K,
  field?: string,
) => (v: TreatmentForm[K]) => void;

/** What each part of the add-treatment form is given. */
export interface TreatmentFieldsProps {
  form: TreatmentForm;
  set: SetTreatmentField;
  errors: Record<string, string>;
}
