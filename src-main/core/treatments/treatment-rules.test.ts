import { describe, expect, it } from 'vitest';
import { type TreatmentFacts, batchKey, treatmentIssues, under18Decision } from './treatment-rules';

describe('the under-18 rule (Botulinum Toxin and Cosmetic Fillers (Children) Act 2021)', () => {
  const cases: [string, { dob: string; on: string; toxinOrFiller?: boolean; exception?: boolean }, string][] = [
    ['the 18th birthday itself', { dob: '2008-11-22', on: '2026-11-22' }, 'adult'],
    ['the day before the 18th birthday', { dob: '2008-11-22', on: '2026-11-21' }, 'refused'],
    ['the day after the 18th birthday', { dob: '2008-11-22', on: '2026-11-23' }, 'adult'],
    ['a month before, across a year end', { dob: '2008-01-05', on: '2025-12-31' }, 'refused'],
    ['born 29 Feb: 28 Feb of the 18th year is still 17', { dob: '2008-02-29', on: '2026-02-28' }, 'refused'],
    ['born 29 Feb: 1 March of the 18th year is 18', { dob: '2008-02-29', on: '2026-03-01' }, 'adult'],
    ['born 29 Feb: the day before 28 Feb', { dob: '2008-02-29', on: '2026-02-27' }, 'refused'],
    ['born 29 Feb, an adult on a later 29 Feb', { dob: '2004-02-29', on: '2028-02-29' }, 'adult'],
    ['17 with a doctor’s approval', { dob: '2009-06-01', on: '2026-05-31', exception: true }, 'doctor-exception'],
    ['the day before the birthday, with approval', { dob: '2008-11-22', on: '2026-11-21', exception: true }, 'doctor-exception'],
    ['an adult with an approval is simply an adult', { dob: '1990-01-01', on: '2026-11-22', exception: true }, 'adult'],
    ['a 15-year-old’s chemical peel: the Act does not apply', { dob: '2011-03-03', on: '2026-11-22', toxinOrFiller: false }, 'not-applicable'],
    ['a 40-year-old’s peel', { dob: '1986-03-03', on: '2026-11-22', toxinOrFiller: false }, 'not-applicable'],
  ];
  it.each(cases)('%s', (_name, c, expected) => {
    expect(
      under18Decision({
        toxinOrFiller: c.toxinOrFiller ?? true,
        dateOfBirth: c.dob,
        treatedOn: c.on,
        hasDoctorException: c.exception ?? false,
      }),
    ).toBe(expected);
  });
});

describe('batchKey: one batch however it was typed', () => {
  it.each([
    ['AB 12-34', 'AB1234'],
    ['ab1234', 'AB1234'],
    ['  Ab-12 34 ', 'AB1234'],
    ['ab\t12--34', 'AB1234'],
    ['LOT.5/A', 'LOT.5/A'],
    [' - ', ''],
    ['', ''],
  ])('%j → %j', (typed, key) => {
    expect(batchKey(typed)).toBe(key);
  });
});

describe('treatmentIssues', () => {
  const TODAY = '2026-11-22';
  const injectable: TreatmentFacts = {
    treatedOn: '2026-11-20',
    followUpOn: '2026-12-04',
    product: 'Azzalure',
    batchNumber: 'AB 12-34',
    batchExpiry: '2027-06-30',
    amount: 20,
    amountUnit: 'units',
    adverseEvent: '',
    mhraReported: false,
  };
  const peel: TreatmentFacts = { ...injectable, product: '', batchNumber: '', batchExpiry: null, amount: null, amountUnit: null };

  const cases: [string, Partial<TreatmentFacts>, boolean, string[]][] = [
    ['a complete injectable', {}, true, []],
    ['a peel needs no batch', peel, false, []],
    ['an injectable without product, batch or expiry', { product: '', batchNumber: '', batchExpiry: null }, true, ['product', 'batchNumber', 'batchExpiry']],
    ['a batch number of only spaces and dashes', { batchNumber: '- -' }, true, ['batchNumber']],
    ['treated tomorrow', { treatedOn: '2026-11-23', followUpOn: null }, true, ['treatedOn']],
    ['treated today', { treatedOn: TODAY }, true, []],
    ['follow-up before the treatment', { followUpOn: '2026-11-19' }, true, ['followUpOn']],
    ['follow-up on the day', { followUpOn: '2026-11-20' }, true, []],
    ['batch expired the day before', { batchExpiry: '2026-11-19' }, true, ['batchExpiry']],
    ['batch expires on the treatment day', { batchExpiry: '2026-11-20' }, true, []],
    ['an expired batch on a non-injectable is refused too', { ...peel, batchNumber: 'P1', batchExpiry: '2025-01-01' }, false, ['batchExpiry']],
    ['an amount without a unit', { amountUnit: null }, true, ['amountUnit']],
    ['a unit without an amount', { amount: null }, true, ['amount']],
    ['reported to the MHRA with no adverse event', { mhraReported: true }, true, ['adverseEvent']],
    ['reported to the MHRA with the event described', { mhraReported: true, adverseEvent: 'Ptosis, left eyelid' }, true, []],
  ];
  it.each(cases)('%s', (_name, change, isInjectable, fields) => {
    expect(treatmentIssues({ ...injectable, ...change }, isInjectable, TODAY).map((i) => i.field)).toEqual(fields);
  });

  it('says why the batch is needed, and when an expired batch expired, in UK form', () => {
    const missing = treatmentIssues({ ...injectable, batchNumber: '' }, true, TODAY);
    expect(missing[0]!.message).toBe("Enter the batch or lot number: it is needed to trace a manufacturer's recall.");
    const expired = treatmentIssues({ ...injectable, batchExpiry: '2026-11-01' }, true, TODAY);
    expect(expired[0]!.message).toBe('This batch expired on 01/11/2026, before the treatment date.');
  });
});
