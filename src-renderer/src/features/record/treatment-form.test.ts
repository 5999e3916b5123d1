import { describe, expect, it } from 'vitest';
import type { TreatmentType } from '../../../../src-main/contract/record-types';
import {
  REVIEW_TICK_MESSAGE,
  checkTreatmentForm,
  defaultUnitFor,
  emptyTreatmentForm,
  parseExpiry,
  treatmentInputFromForm,
  withType,
} from './treatment-form';

const toxin: TreatmentType = {
  id: 'tt_toxin',
  name: 'Botulinum toxin',
  injectable: true,
  toxinOrFiller: true,
  toxinOrFillerAnswered: true,
  builtIn: true,
  active: true,
};
const peel: TreatmentType = {
  id: 'tt_peel',
  name: 'Chemical peel',
  injectable: false,
  toxinOrFiller: false,
  toxinOrFillerAnswered: true,
  builtIn: true,
  active: true,
};

describe('parseExpiry', () => {
  it.each([
    ['31/08/2027', '2027-08-31'],
    ['08/2027', '2027-08-31'],
    ['2/2028', '2028-02-29'],
    ['13/2027', null],
    ['soon', null],
  ])('%s -> %s', (typed, iso) => {
    expect(parseExpiry(typed)).toBe(iso);
  });
});

describe('treatment form', () => {
  it('requires product, batch and expiry for injectables only', () => {
    const form = { ...emptyTreatmentForm('05/03/2026'), typeId: 'tt_toxin' };
    expect(Object.keys(checkTreatmentForm(form, toxin)).sort()).toEqual([
      'batchExpiry',
      'batchNumber',
      'product',
    ]);
    expect(checkTreatmentForm({ ...form, typeId: 'tt_peel' }, peel)).toEqual({});
  });

  it('builds the contract input', () => {
    const input = treatmentInputFromForm(
      {
        ...emptyTreatmentForm('05/03/2026'),
        typeId: 'tt_toxin',
        areas: 'Forehead, Glabella',
        amount: '20',
        amountUnit: 'units',
        batchExpiry: '08/2027',
        doctorApproval: true,
        doctorName: 'Dr A Khan',
        gmcNumber: '1234567',
      },
      'c1',
    );
    expect(input).toMatchObject({
      clientId: 'c1',
      treatedOn: '2026-03-05',
      areas: ['Forehead', 'Glabella'],
      amount: 20,
      amountUnit: 'units',
      batchExpiry: '2027-08-31',
      doctorException: { doctorName: 'Dr A Khan', gmcNumber: '1234567' },
    });
    expect(input).not.toHaveProperty('practitionerId');
  });

  it('asks for a unit with an amount, and a 7-digit GMC number', () => {
    const errors = checkTreatmentForm(
      {
        ...emptyTreatmentForm('05/03/2026'),
        typeId: 'tt_peel',
        amount: '2',
        doctorApproval: true,
        doctorName: 'Dr X',
        gmcNumber: '12',
      },
      peel,
    );
    expect(errors.amountUnit).toBe('Choose the unit.');
    expect(errors['doctorException.gmcNumber']).toBe('GMC numbers are 7 digits.');
  });
});

describe('unit defaults', () => {
  const type = (id: string, name: string): TreatmentType => ({
    id,
    name,
    injectable: true,
    toxinOrFiller: true,
    toxinOrFillerAnswered: true,
    builtIn: false,
    active: true,
  });
  const TYPES = [
    type('tt_toxin', 'Botulinum toxin'),
    type('tt_filler', 'Dermal filler'),
    type('tt_cannula', 'Cannula filler'),
    type('tt_antiwrinkle', 'Anti-wrinkle (Bocouture)'),
    { ...type('tt_peel', 'Chemical peel'), injectable: false, toxinOrFiller: false },
  ];

  it.each([
    ['tt_toxin', 'units'],
    ['tt_antiwrinkle', 'units'],
    ['tt_filler', 'ml'],
    ['tt_cannula', 'ml'],
    ['tt_peel', null],
  ])('%s defaults to %s', (id, unit) => {
    expect(defaultUnitFor(TYPES.find((t) => t.id === id))).toBe(unit);
  });

  it('follows the type until a unit is chosen by hand', () => {
    const blank = emptyTreatmentForm('05/03/2026');
    const toxinForm = withType(blank, 'tt_toxin', TYPES);
    expect(toxinForm.amountUnit).toBe('units');
    expect(withType(toxinForm, 'tt_filler', TYPES).amountUnit).toBe('ml');
    expect(withType(toxinForm, 'tt_peel', TYPES).amountUnit).toBe('');
    const chosen = { ...toxinForm, amountUnit: 'vials' as const };
    expect(withType(chosen, 'tt_filler', TYPES).amountUnit).toBe('vials');
  });
});

describe('the review tick', () => {
  const ready = { ...emptyTreatmentForm('05/03/2026'), typeId: 'tt_peel' };
  it('is required only when the review is due, and goes to the app as given', () => {
    expect(checkTreatmentForm(ready, peel, true)).toEqual({ medicalHistoryReviewed: REVIEW_TICK_MESSAGE });
    expect(checkTreatmentForm(ready, peel, false)).toEqual({});
    expect(checkTreatmentForm({ ...ready, medicalHistoryReviewed: true }, peel, true)).toEqual({});
    expect(treatmentInputFromForm({ ...ready, medicalHistoryReviewed: true }, 'c1').medicalHistoryReviewed).toBe(true);
    expect(treatmentInputFromForm(ready, 'c1').medicalHistoryReviewed).toBe(false);
  });
});
