/**
 * The pure rules for recording a treatment: the under-18 rule for toxin and
 * filler, what an injectable must carry for a recall to be traced, and the
 * date sense checks. No I/O: the service looks the facts up and calls these,
 * and the tests drive them from tables.
 */
import type { FieldIssue } from '../../contract/errors';
import type { AmountUnit } from '../../contract/record-types';
import { ageOn, formatUkDate } from '../../contract/uk-formats';

/**
 * One batch, however it was typed: "ab 12-34", "AB1234" and "Ab-12 34" are the
 * same lot on a manufacturer's recall notice. Stored as treatments.batch_key.
 */
export function batchKey(batchNumber: string): string {
  return batchNumber.replace(/[\s-]+/g, '').toUpperCase();
}

export type Under18Decision =
  /** The type is not botulinum toxin or a dermal filler: the Act does not apply. */
  | 'not-applicable'
  | 'adult'
  /** Under 18 with a registered doctor's approval recorded: allowed, and the approval is kept. */
  | 'doctor-exception'
  | 'refused';

/**
 * The Botulinum Toxin and Cosmetic Fillers (Children) Act 2021 makes it an
 * offence in England to give botulinum toxin or a filler by injection for a
 * cosmetic purpose to anyone under 18, unless a registered doctor has approved
 * it and it is given by (or under the direction of) an approved person. The age
 * that counts is the client's age on the day of the treatment.
 *
 * Someone born on 29 February turns 18 on 1 March in a non-leap year: ageOn
 * counts 28 February as the day before the birthday, which is the reading that
 * never lets the rule through early.
 */
export function under18Decision(facts: {
  toxinOrFiller: boolean;
  dateOfBirth: string;
  treatedOn: string;
  hasDoctorException: boolean;
}): Under18Decision {
  if (!facts.toxinOrFiller) return 'not-applicable';
  if (ageOn(facts.dateOfBirth, facts.treatedOn) >= 18) return 'adult';
  return facts.hasDoctorException ? 'doctor-exception' : 'refused';
}

/**
 * The doctor's approval under the 2021 Act follows their assessment of the
 * child, so the assessment cannot be later than the treatment. The name, GMC
 * number and reason are required by the input schema.
 */
export function doctorExceptionIssues(e: { assessedOn: string }, treatedOn: string): FieldIssue[] {
  if (e.assessedOn <= treatedOn) return [];
  return [
    {
      field: 'doctorException.assessedOn',
      message: `The doctor's assessment must be on or before the treatment date (${formatUkDate(treatedOn)}).`,
    },
  ];
}

export const RECALL_REASON = "it is needed to trace a manufacturer's recall.";

export interface TreatmentFacts {
  treatedOn: string;
  followUpOn: string | null;
  product: string;
  batchNumber: string;
  batchExpiry: string | null;
  amount: number | null;
  amountUnit: AmountUnit | null;
  adverseEvent: string;
  mhraReported: boolean;
}

/**
 * Field-level problems with a treatment, given whether its type is injectable
 * and the clinic's "today" (a London date). Every problem is returned at once
 * so the form can mark all of them in one go.
 */
export function treatmentIssues(t: TreatmentFacts, injectable: boolean, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });

  if (t.treatedOn > today) add('treatedOn', 'The treatment date cannot be in the future.');
  if (t.followUpOn !== null && t.followUpOn < t.treatedOn) {
    add('followUpOn', 'The follow-up date cannot be before the treatment date.');
  }

  // Injectables are what manufacturers recall: without product, lot and expiry
  // the clinic could not find the clients who received a faulty batch.
  if (injectable) {
    if (t.product === '') add('product', `Enter the product name: ${RECALL_REASON}`);
    if (t.batchNumber === '') add('batchNumber', `Enter the batch or lot number: ${RECALL_REASON}`);
    if (t.batchExpiry === null) add('batchExpiry', `Enter the batch expiry date: ${RECALL_REASON}`);
  }
  if (t.batchNumber !== '' && batchKey(t.batchNumber) === '') {
    add('batchNumber', 'A batch or lot number needs letters or digits.');
  }
  // Expiring on the treatment day itself is still in date.
  if (t.batchExpiry !== null && t.batchExpiry < t.treatedOn) {
    add('batchExpiry', `This batch expired on ${formatUkDate(t.batchExpiry)}, before the treatment date.`);
  }

  if (t.amount !== null && t.amountUnit === null) add('amountUnit', 'Choose the unit for the amount (units, ml, mg, vials or other).');
  if (t.amount === null && t.amountUnit !== null) add('amount', 'Enter the amount, or clear the unit.');

  // A Yellow Card report is about an adverse event; the record must say what it was.
  if (t.mhraReported && t.adverseEvent === '') {
    add('adverseEvent', 'Describe the adverse event that was reported to the MHRA Yellow Card scheme.');
  }
  return issues;
}
