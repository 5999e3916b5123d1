/** The add-treatment form's state (as typed) and how it becomes the contract's input. */
import '../../zod-setup';
import type { AmountUnit, TreatmentType } from '../../../../src-main/contract/record-types';
import { treatmentInputSchema } from '../../../../src-main/contract/record-schemas';
import { parseUkDate } from '../../dates';
import { check, type FieldErrors } from '../../validation';

export interface TreatmentForm {
  treatedOn: string;
  /** '' means the signed-in practitioner. */
  practitionerId: string;
  typeId: string;
  /** Comma-separated. */
  areas: string;
  product: string;
  batchNumber: string;
  batchExpiry: string;
  amount: string;
  amountUnit: AmountUnit | '';
  notes: string;
  aftercare: string;
  followUpOn: string;
  adverseEvent: string;
  mhraReported: boolean;
  mhraReference: string;
  doctorApproval: boolean;
  doctorName: string;
  gmcNumber: string;
  /** DD/MM/YYYY: the doctor's assessment of the child (2021 Act). */
  doctorAssessedOn: string;
  doctorReason: string;
  /** "I have reviewed the medical history today" (required when the review is due). */
  medicalHistoryReviewed: boolean;
}

export function emptyTreatmentForm(today: string): TreatmentForm {
  return {
    treatedOn: today,
    practitionerId: '',
    typeId: '',
    areas: '',
    product: '',
    batchNumber: '',
    batchExpiry: '',
    amount: '',
    amountUnit: '',
    notes: '',
    aftercare: '',
    followUpOn: '',
    adverseEvent: '',
    mhraReported: false,
    mhraReference: '',
    doctorApproval: false,
    doctorName: '',
    gmcNumber: '',
    doctorAssessedOn: '',
    doctorReason: '',
    medicalHistoryReviewed: false,
  };
}

/**
 * The unit a type is usually measured in: toxin in units, filler in ml. Told
 * from the catalogue name (the owner names the types; the catalogue has no
 * unit of its own), so "Botulinum toxin", "Anti-wrinkle (Bocouture)" and
 * "Cannula filler" all get theirs. Null when the name says neither.
 */
export function defaultUnitFor(type: Pick<TreatmentType, 'name'> | undefined): AmountUnit | null {
  if (!type) return null;
  if (/toxin|botox|botulinum|anti[- ]?wrinkle|azzalure|bocouture|dysport|xeomin/i.test(type.name)) return 'units';
  if (/filler|dermal|juvederm|restylane|profhilo|skin ?booster/i.test(type.name)) return 'ml';
  return null;
}

/**
 * The form after choosing another treatment type: the unit follows the type's
 * default unless it was chosen by hand (it is empty, or still the old type's default).
 */
export function withType(f: TreatmentForm, typeId: string, types: readonly TreatmentType[]): TreatmentForm {
  const before = defaultUnitFor(types.find((t) => t.id === f.typeId));
  const untouched = f.amountUnit === '' || f.amountUnit === before;
  const next = defaultUnitFor(types.find((t) => t.id === typeId));
  return { ...f, typeId, amountUnit: untouched ? (next ?? '') : f.amountUnit };
}

export const REVIEW_TICK_MESSAGE =
  'Review the medical history with the client, then tick that you have reviewed it today.';

export const AMOUNT_UNIT_LABELS: Record<AmountUnit, string> = {
  units: 'units',
  ml: 'ml',
  mg: 'mg',
  vials: 'vials',
  other: 'other',
};

/**
 * Expiry dates are printed as a day or just a month: 31/08/2027, or 08/2027
 * (meaning the end of that month).
 */
export function parseExpiry(text: string): string | null {
  const full = parseUkDate(text);
  if (full) return full;
  const m = /^\s*(\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const month = Number(m[1]);
  const year = Number(m[2]);
  if (month < 1 || month > 12) return null;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
}

function optionalDate(text: string, parse: (t: string) => string | null): string | null {
  return text.trim() ? (parse(text) ?? text.trim()) : null;
}

export function treatmentInputFromForm(f: TreatmentForm, clientId: string) {
  const amount = f.amount.trim() === '' ? null : Number(f.amount.trim().replace(',', '.'));
  return {
    clientId,
    treatedOn: parseUkDate(f.treatedOn) ?? f.treatedOn.trim(),
    ...(f.practitionerId ? { practitionerId: f.practitionerId } : {}),
    typeId: f.typeId,
    areas: splitList(f.areas),
    product: f.product,
    batchNumber: f.batchNumber,
    batchExpiry: optionalDate(f.batchExpiry, parseExpiry),
    amount,
    amountUnit: amount === null ? null : f.amountUnit || null,
    consentFormUploadId: null as string | null,
    notes: f.notes,
    aftercare: f.aftercare,
    followUpOn: optionalDate(f.followUpOn, parseUkDate),
    adverseEvent: f.adverseEvent,
    mhraReported: f.adverseEvent.trim() ? f.mhraReported : false,
    mhraReference: f.adverseEvent.trim() && f.mhraReported ? f.mhraReference : '',
    doctorException: f.doctorApproval
      ? {
          doctorName: f.doctorName,
          gmcNumber: f.gmcNumber,
          assessedOn: parseUkDate(f.doctorAssessedOn) ?? f.doctorAssessedOn.trim(),
          reason: f.doctorReason,
        }
      : null,
    medicalHistoryReviewed: f.medicalHistoryReviewed,
  };
}

export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/**
 * The same checks the app makes on format, plus the injectable rule (product,
 * batch and expiry for recall) and, when the review is due, the review tick.
 */
export function checkTreatmentForm(
  f: TreatmentForm,
  type: TreatmentType | undefined,
  reviewRequired = false,
): FieldErrors {
  const input = treatmentInputFromForm(f, 'client');
  const errors = check(treatmentInputSchema, input);
  delete errors.clientId;
  if (!f.typeId) errors.typeId = 'Choose the treatment.';
  if (!f.treatedOn.trim()) errors.treatedOn = 'Enter the date of the treatment, like 25/12/2026.';
  else if (!parseUkDate(f.treatedOn)) errors.treatedOn = 'Enter a real date, like 25/12/2026.';
  if (f.batchExpiry.trim() && !parseExpiry(f.batchExpiry))
    errors.batchExpiry = 'Enter the expiry date, like 31/08/2027 or 08/2027.';
  if (f.followUpOn.trim() && !parseUkDate(f.followUpOn))
    errors.followUpOn = 'Enter a real date, like 25/12/2026.';
  if (f.amount.trim() && !Number.isFinite(input.amount ?? Number.NaN))
    errors.amount = 'Enter the amount as a number, like 20 or 0.5.';
  if (input.amount !== null && !f.amountUnit) errors.amountUnit = 'Choose the unit.';
  if (type?.injectable) {
    if (!f.product.trim()) errors.product ??= 'Enter the product: it is needed to trace a recall.';
    if (!f.batchNumber.trim()) errors.batchNumber ??= 'Enter the batch or lot number from the packaging.';
    if (!f.batchExpiry.trim()) errors.batchExpiry ??= 'Enter the expiry date from the packaging.';
  }
  if (reviewRequired && !f.medicalHistoryReviewed) errors.medicalHistoryReviewed = REVIEW_TICK_MESSAGE;
  const folded: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const key = field.startsWith('areas') ? 'areas' : field;
    if (!(key in folded)) folded[key] = message;
  }
  return folded;
}
