/**
 * The words the pack uses for each stored field, so the person reads "Date of
 * birth", not "dateOfBirth". The field names themselves stay in data.json.
 */
export const IDENTITY_LABELS: Record<string, string> = {
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
  messengerHandle: 'Facebook Messenger',
  nhsNumber: 'NHS number',
  occupation: 'Occupation',
  treatmentInterests: 'Treatments of interest',
  gp: 'GP',
  notes: 'Notes',
};

export const MEDICAL_LABELS: Record<string, string> = {
  conditions: 'Medical conditions',
  medications: 'Medications',
  allergies: 'Allergies',
  pregnant: 'Pregnant',
  breastfeeding: 'Breastfeeding',
  previousAestheticTreatments: 'Previous aesthetic treatments',
  contraindications: 'Contraindications',
  notes: 'Notes',
};

export const LIFESTYLE_LABELS: Record<string, string> = {
  smoking: 'Smoking',
  alcohol: 'Alcohol',
  sunExposure: 'Sun exposure',
  skincareRoutine: 'Skincare routine',
  notes: 'Notes',
};

export function labelOf(labels: Record<string, string>, field: string): string {
  return labels[field] ?? field;
}
