/**
 * Plain-English names for the stored fields of a client's record, one list for
 * every place that shows them: the record's history and dispute forms, the merge
 * dialog, and the subject-access pack, whose reader sees "Date of birth", not
 * "dateOfBirth" (the field names themselves stay in data.json).
 */
import type { RecordSection } from './record-types';

export const SECTION_LABELS: Record<RecordSection, string> = {
  identity: 'Details',
  medical: 'Medical',
  lifestyle: 'Lifestyle',
};

/** The fields each section stores, in the order they are shown. */
export const FIELD_LABELS: Record<RecordSection, Record<string, string>> = {
  identity: {
    firstName: 'First name',
    lastName: 'Last name',
    preferredName: 'Preferred name',
    dateOfBirth: 'Date of birth',
    gender: 'Gender',
    addressLines: 'Address',
    postcode: 'Postcode',
    email: 'Email',
    mobile: 'Mobile',
    otherPhones: 'Other phones',
    messengerHandle: 'Facebook Messenger handle',
    nhsNumber: 'NHS number',
    occupation: 'Occupation',
    treatmentInterests: 'Treatments of interest',
    gp: 'GP',
    notes: 'Notes',
  },
  medical: {
    conditions: 'Medical conditions',
    medications: 'Medications',
    allergies: 'Allergies',
    pregnant: 'Pregnant',
    breastfeeding: 'Breastfeeding',
    previousAestheticTreatments: 'Previous aesthetic treatments',
    contraindications: 'Contraindications',
    notes: 'Notes',
  },
  lifestyle: {
    smoking: 'Smoking',
    alcohol: 'Alcohol',
    sunExposure: 'Sun exposure',
    skincareRoutine: 'Skincare routine',
    notes: 'Notes',
  },
};

/** Entries the history records that are not stored fields of their own. */
const HISTORY_ONLY_LABELS: Record<RecordSection, Record<string, string>> = {
  // The merge's history entries (docs/duplicates.md): the value is the other record's id.
  identity: { mergedWith: 'Merged with duplicate record', mergedInto: 'Merged into record' },
  medical: { reviewedOn: 'Last reviewed' },
  lifestyle: { reviewedOn: 'Last reviewed' },
};

export function fieldLabel(section: RecordSection, field: string): string {
  return FIELD_LABELS[section][field] ?? HISTORY_ONLY_LABELS[section][field] ?? field;
}
