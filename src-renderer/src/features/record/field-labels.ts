/** Plain-English names for record fields, as the history and dispute forms show them. */
import type { RecordSection } from '../../../../src-main/contract/record-types';

export const SECTION_LABELS: Record<RecordSection, string> = {
  identity: 'Details',
  medical: 'Medical',
  lifestyle: 'Lifestyle',
};

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
    messengerHandle: 'Messenger handle',
    nhsNumber: 'NHS number',
    occupation: 'Occupation',
    treatmentInterests: 'Treatment interests',
    gp: 'GP',
    notes: 'Notes',
    // The merge's history entries (docs/duplicates.md): the value is the other record's id.
    mergedWith: 'Merged with duplicate record',
    mergedInto: 'Merged into record',
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
    reviewedOn: 'Last reviewed',
  },
  lifestyle: {
    smoking: 'Smoking',
    alcohol: 'Alcohol',
    sunExposure: 'Sun exposure',
    skincareRoutine: 'Skincare routine',
    notes: 'Notes',
    reviewedOn: 'Last reviewed',
  },
};

export function fieldLabel(section: RecordSection, field: string): string {
  return FIELD_LABELS[section][field] ?? field;
}
