/**
 * Medical and lifestyle histories, shaped exactly like the schemas' output
 * (medicalHistorySchema, lifestyleHistorySchema) so the services read them as
 * if staff had typed them.
 */
import type { LifestyleHistory, MedicalHistory } from '../../contract/record-types';
import type { Rng } from './random';

export type MedicalData = Omit<MedicalHistory, 'updatedAt'>;
export type LifestyleData = Omit<LifestyleHistory, 'updatedAt'>;

const CONDITIONS = ['', '', '', '', 'Asthma, well controlled', 'Hypothyroidism', 'Type 2 diabetes', 'Migraine', 'Eczema', 'Hypertension', 'Polycystic ovary syndrome', 'Rosacea', 'Cold sores (HSV-1)', 'Anxiety', 'Coeliac disease'];
const MEDICATIONS = ['', '', '', 'Levothyroxine 100 mcg', 'Sertraline 50 mg', 'Combined oral contraceptive', 'Metformin 500 mg twice daily', 'Salbutamol inhaler when needed', 'Amlodipine 5 mg', 'Omeprazole 20 mg', 'Propranolol 40 mg', 'Cetirizine 10 mg'];
const ALLERGIES = ['', 'None known', 'None known', 'Penicillin', 'Latex', 'Lidocaine', 'Tree nuts', 'Elastoplast', 'Hyaluronidase', 'Sulphonamides', 'Bee stings'];
const PREVIOUS = ['', '', 'None', 'Toxin at another clinic, 2021', 'Lip filler 2019 (Juvéderm), dissolved 2022', 'Chemical peels in her twenties', 'Profhilo course, 2023', 'Laser hair removal (underarms)'];
const CONTRAINDICATIONS = ['', '', '', '', 'History of keloid scarring', 'Bleeding disorder: GP letter on file', 'Autoimmune condition: stable, GP aware', 'Isotretinoin within the last 6 months: no peels or microneedling'];
const MEDICAL_NOTES = ['', '', '', 'Prefers numbing cream.', 'Faints with needles: treat lying down.', 'Discussed realistic expectations.'];

const ALCOHOL = ['None', '1–5 units a week', '6–14 units a week', 'More than 14 units a week', 'Socially', ''];
const SKINCARE = ['SPF 50 daily, retinol at night', 'Cleanser and moisturiser', 'Vitamin C serum and SPF 30', 'Obagi Nu-Derm system', 'Nothing regular', 'Double cleanse, niacinamide, SPF', ''];
const LIFESTYLE_NOTES = ['', '', '', 'Runs marathons.', 'Uses sunbeds: advised against.', 'Works night shifts.', 'Outdoor job (gardener).'];

export function makeMedical(rng: Rng, gender: string, reviewedOn: string | null): MedicalData {
  // Pregnancy questions do not apply to men; otherwise most answer "no", some leave it unanswered.
  const pregnancyAnswer = () => (gender === 'Male' ? 'not-applicable' : rng.weighted([['no', 90], ['unknown', 9], ['yes', 1]] as const));
  return {
    conditions: rng.pick(CONDITIONS),
    medications: rng.pick(MEDICATIONS),
    allergies: rng.pick(ALLERGIES),
    pregnant: pregnancyAnswer(),
    breastfeeding: pregnancyAnswer(),
    previousAestheticTreatments: rng.pick(PREVIOUS),
    contraindications: rng.pick(CONTRAINDICATIONS),
    notes: rng.pick(MEDICAL_NOTES),
    reviewedOn,
  };
}

export function makeLifestyle(rng: Rng, reviewedOn: string | null): LifestyleData {
  return {
    smoking: rng.weighted([['never', 60], ['former', 20], ['current', 12], ['unknown', 8]] as const),
    alcohol: rng.pick(ALCOHOL),
    sunExposure: rng.weighted([['low', 30], ['moderate', 45], ['high', 15], ['unknown', 10]] as const),
    skincareRoutine: rng.pick(SKINCARE),
    notes: rng.pick(LIFESTYLE_NOTES),
    reviewedOn,
  };
}
