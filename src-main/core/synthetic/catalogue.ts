/**
 * What a UK aesthetics clinic actually uses, by treatment type (the ids of
 * migration 0002's treatment_types). Injectables carry product, batch, expiry
 * and amount; peels, microneedling and laser carry no batch.
 */
import type { AmountUnit } from '../../contract/record-types';

export interface Product {
  name: string;
  /** Batch number shape: 9 a digit, A a letter, anything else as written. */
  batchPattern: string;
  unit: AmountUnit;
  /** Typical amounts to pick from. */
  amounts: readonly number[];
}

export interface TreatmentKind {
  typeId: string;
  injectable: boolean;
  toxinOrFiller: boolean;
  products: readonly Product[];
  /** Device or method names for non-injectables (kept in `product`, no batch). */
  methods: readonly string[];
  areas: readonly string[];
  maxAreas: number;
  notes: readonly string[];
  aftercare: string;
  /** Days until the review appointment, when one is booked. */
  followUpDays: number | null;
}

const toxinAmounts = [8, 10, 12, 16, 20, 24, 30, 40, 50, 64];

export const KINDS: readonly (readonly [TreatmentKind, number])[] = [
  [{
    typeId: 'tt_toxin', injectable: true, toxinOrFiller: true,
    products: [
      { name: 'Bocouture', batchPattern: '999999', unit: 'units', amounts: toxinAmounts },
      { name: 'Azzalure', batchPattern: 'M99999', unit: 'units', amounts: [50, 62.5, 75, 100, 125] },
      { name: 'Botox', batchPattern: 'C9999C3', unit: 'units', amounts: toxinAmounts },
      { name: 'Alluzience', batchPattern: 'AL999A', unit: 'units', amounts: [50, 75, 100] },
      { name: 'Letybo', batchPattern: 'HB99A9', unit: 'units', amounts: toxinAmounts },
    ],
    methods: [],
    areas: ['Glabella', 'Forehead', 'Crow’s feet', 'Bunny lines', 'Masseter', 'Platysma', 'Gummy smile', 'DAO', 'Mentalis', 'Axillae (hyperhidrosis)'],
    maxAreas: 3,
    notes: ['Good symmetry at rest.', 'Mild asymmetry of brow noted pre-treatment; client aware.', 'First treatment: conservative dose.', 'Client happy with last result, same dose.', 'Top-up requested at review.', ''],
    aftercare: 'Stay upright for 4 hours; no exercise, saunas or massaging the area for 24 hours. Results show in 3–14 days.',
    followUpDays: 14,
  }, 40],
  [{
    typeId: 'tt_filler', injectable: true, toxinOrFiller: true,
    products: [
      { name: 'Juvéderm Volbella', batchPattern: 'VB99A99999', unit: 'ml', amounts: [0.5, 1] },
      { name: 'Juvéderm Voluma', batchPattern: 'VM99A99999', unit: 'ml', amounts: [1, 2] },
      { name: 'Juvéderm Volift', batchPattern: 'VF99A99999', unit: 'ml', amounts: [1] },
      { name: 'Restylane Kysse', batchPattern: '99999-9', unit: 'ml', amounts: [0.5, 1] },
      { name: 'Restylane Lyft', batchPattern: '99999-9', unit: 'ml', amounts: [1, 2] },
      { name: 'Teosyal RHA 2', batchPattern: 'TR99A-99', unit: 'ml', amounts: [1] },
      { name: 'Belotero Balance', batchPattern: '9999A9', unit: 'ml', amounts: [1] },
    ],
    methods: [],
    areas: ['Lips', 'Cheeks', 'Tear troughs', 'Nasolabial folds', 'Chin', 'Jawline', 'Marionette lines', 'Temples', 'Nose'],
    maxAreas: 2,
    notes: ['Cannula used.', 'Needle technique, small aliquots.', 'Client asked for a natural result.', 'Blanching check: none.', 'Hyaluronidase available in clinic.', ''],
    aftercare: 'Expect swelling for 2–3 days. No make-up for 12 hours, no alcohol or strenuous exercise for 24 hours. Call the clinic at once with pain or skin colour change.',
    followUpDays: 28,
  }, 25],
  [{
    typeId: 'tt_skin_booster', injectable: true, toxinOrFiller: true,
    products: [
      { name: 'Profhilo', batchPattern: 'P999999', unit: 'ml', amounts: [2] },
      { name: 'Seventy Hyal 2000', batchPattern: 'SH9999', unit: 'ml', amounts: [2] },
      { name: 'Sunekos 200', batchPattern: 'SUN999A', unit: 'ml', amounts: [3] },
      { name: 'Restylane Skinboosters Vital', batchPattern: '99999-1', unit: 'ml', amounts: [1] },
    ],
    methods: [],
    areas: ['Face', 'Neck', 'Décolletage', 'Hands'],
    maxAreas: 2,
    notes: ['Bio-aesthetic points technique.', 'Second of two sessions.', 'First of two sessions, 4 weeks apart.', ''],
    aftercare: 'Small bumps settle within 24 hours. No make-up until the next day.',
    followUpDays: 28,
  }, 10],
  [{
    typeId: 'tt_chemical_peel', injectable: false, toxinOrFiller: false, products: [],
    methods: ['Glycolic acid 30%', 'Salicylic acid 20%', 'Jessner’s peel', 'ZO 3-Step Peel', 'Obagi Blue Radiance', 'Lactic acid 40%'],
    areas: ['Face', 'Neck', 'Back'],
    maxAreas: 1,
    notes: ['Skin primed for 2 weeks beforehand.', 'Mild frosting, neutralised.', 'Patch test done at previous visit.', ''],
    aftercare: 'SPF 50 daily for at least 2 weeks. Do not pick peeling skin.',
    followUpDays: null,
  }, 10],
  [{
    typeId: 'tt_microneedling', injectable: false, toxinOrFiller: false, products: [],
    methods: ['Dermapen 4', 'SkinPen', 'Radiofrequency microneedling'],
    areas: ['Face', 'Acne scarring (cheeks)', 'Neck', 'Stretch marks (abdomen)'],
    maxAreas: 1,
    notes: ['1.5 mm depth.', '0.5 mm on forehead, 1.0 mm elsewhere.', 'Pinpoint bleeding, expected.', ''],
    aftercare: 'No make-up for 24 hours; gentle cleanser and SPF only for 3 days.',
    followUpDays: null,
  }, 8],
  [{
    typeId: 'tt_laser', injectable: false, toxinOrFiller: false, products: [],
    methods: ['Nd:YAG hair removal', 'Diode hair removal', 'IPL photorejuvenation', 'Q-switched pigment'],
    areas: ['Legs', 'Underarms', 'Bikini', 'Upper lip', 'Face', 'Hands'],
    maxAreas: 2,
    notes: ['Patch test 48 hours before.', 'Fitzpatrick III settings.', 'Course of 6, session recorded.', ''],
    aftercare: 'Avoid sun and sunbeds for 2 weeks; SPF 50.',
    followUpDays: null,
  }, 6],
  [{
    typeId: 'tt_other', injectable: false, toxinOrFiller: false, products: [],
    methods: ['Consultation', 'Review appointment'],
    areas: ['Face'],
    maxAreas: 1,
    notes: ['Discussed options and costs; no treatment today.', 'Review: happy with result.'],
    aftercare: '',
    followUpDays: null,
  }, 1],
];

/** What a minor may be given: no injectables at all, and never toxin or filler (the law since 2021). */
export const MINOR_KINDS = KINDS.filter(([k]) => !k.injectable);

export const ADVERSE_EVENTS = [
  'Bruising at an injection site; resolved within a week.',
  'Headache for 2 days after treatment.',
  'Prolonged swelling (5 days); reviewed in clinic, settled.',
  'Mild ptosis of left brow; resolved at 4 weeks.',
  'Tenderness and erythema for 48 hours.',
];
