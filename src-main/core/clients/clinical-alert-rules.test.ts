/** The alert rules from tables: which facts raise which alert, and when a review is due. */
import { describe, expect, it } from 'vitest';
import type { ClinicalAlertKind } from '../../contract/alert-types';
import { type AlertFacts, clinicalAlertsOf, flagsText, monthsBefore, reviewIsDue } from './clinical-alert-rules';

const TODAY = '2026-11-22';

const NOTHING: AlertFacts = {
  dateOfBirth: '1990-05-17',
  deceasedOn: null,
  restricted: false,
  medical: { allergies: '', contraindications: '', pregnant: 'no', breastfeeding: 'no', reviewedOn: '2026-06-01' },
};

function facts(change: Partial<Omit<AlertFacts, 'medical'>> & { medical?: Partial<AlertFacts['medical']> } = {}): AlertFacts {
  return { ...NOTHING, ...change, medical: { ...NOTHING.medical, ...change.medical } };
}

const kinds = (f: AlertFacts, months = 12) => clinicalAlertsOf(f, TODAY, months).alerts.map((a) => a.kind);

describe('monthsBefore', () => {
  it.each([
    ['2026-11-22', 12, '2025-11-22'],
    ['2026-11-22', 1, '2026-10-22'],
    ['2026-01-15', 1, '2025-12-15'],
    ['2026-03-31', 1, '2026-02-28'],
    ['2028-03-31', 1, '2028-02-29'],
    ['2028-02-29', 12, '2027-02-28'],
    ['2026-11-22', 60, '2021-11-22'],
  ] as const)('%s less %i months is %s', (from, months, expected) => {
    expect(monthsBefore(from, months)).toBe(expected);
  });
});

describe('reviewIsDue', () => {
  it.each([
    [null, 12, true, 'never reviewed'],
    ['2025-11-22', 12, false, 'exactly 12 months ago is still within'],
    ['2025-11-21', 12, true, 'a day more than 12 months ago'],
    ['2026-11-22', 12, false, 'reviewed today'],
    ['2026-10-21', 1, true, 'with a 1-month setting, just over a month'],
    ['2026-10-22', 1, false, 'with a 1-month setting, exactly a month'],
    ['2021-11-21', 60, true, 'more than 5 years ago'],
    ['2022-01-01', 60, false, 'under 5 years ago'],
  ] as const)('%s with %i months: %s (%s)', (reviewedOn, months, due, _why) => {
    expect(reviewIsDue(reviewedOn, TODAY, months)).toBe(due);
  });
});

describe('flagsText', () => {
  it.each([
    ['', null],
    ['   ', null],
    ['None', null],
    ['none.', null],
    ['NKDA', null],
    ['No known allergies', null],
    ['n/a', null],
    ['Penicillin', 'Penicillin'],
    ['  Lidocaine (rash)  ', 'Lidocaine (rash)'],
    ['None known to penicillin, but latex', 'None known to penicillin, but latex'],
    ['No', null],
    ['Nuts', 'Nuts'],
  ] as const)('%j flags %j', (text, expected) => {
    expect(flagsText(text)).toBe(expected);
  });
});

describe('clinicalAlertsOf', () => {
  it.each<[string, AlertFacts, ClinicalAlertKind[]]>([
    ['nothing to flag', facts(), []],
    ['an allergy', facts({ medical: { allergies: 'Lidocaine' } }), ['allergies']],
    ['a contraindication', facts({ medical: { contraindications: 'On warfarin' } }), ['contraindications']],
    ['pregnant', facts({ medical: { pregnant: 'yes' } }), ['pregnant']],
    ['breastfeeding', facts({ medical: { breastfeeding: 'yes' } }), ['breastfeeding']],
    ['pregnancy unknown is not an alert', facts({ medical: { pregnant: 'unknown', breastfeeding: 'not-applicable' } }), []],
    ['never reviewed', facts({ medical: { reviewedOn: null } }), ['review-due']],
    ['reviewed too long ago', facts({ medical: { reviewedOn: '2025-01-01' } }), ['review-due']],
    ['17 today', facts({ dateOfBirth: '2009-11-23' }), ['under-18']],
    ['18 today', facts({ dateOfBirth: '2008-11-22' }), []],
    ['restricted', facts({ restricted: true }), ['restricted']],
    ['deceased: age and review are left out', facts({ deceasedOn: '2026-10-01', dateOfBirth: '2010-01-01', medical: { reviewedOn: null } }), ['deceased']],
    [
      'everything, most serious first',
      facts({
        restricted: true,
        dateOfBirth: '2010-01-01',
        medical: { allergies: 'Latex', contraindications: 'Keloid scarring', pregnant: 'yes', breastfeeding: 'yes', reviewedOn: null },
      }),
      ['restricted', 'allergies', 'contraindications', 'pregnant', 'breastfeeding', 'under-18', 'review-due'],
    ],
  ])('%s', (_name, f, expected) => {
    expect(kinds(f)).toEqual(expected);
  });

  it('carries the texts, the age, the dates and the setting', () => {
    const r = clinicalAlertsOf(
      facts({ dateOfBirth: '2010-01-01', medical: { allergies: ' Latex ', contraindications: 'Warfarin', reviewedOn: '2024-02-03' } }),
      TODAY,
      6,
    );
    expect(r).toEqual({
      alerts: [
        { kind: 'allergies', text: 'Latex' },
        { kind: 'contraindications', text: 'Warfarin' },
        { kind: 'under-18', age: 16 },
        { kind: 'review-due', reviewedOn: '2024-02-03', months: 6 },
      ],
      reviewedOn: '2024-02-03',
      reviewMonths: 6,
      reviewRequired: true,
    });
  });

  it('the setting decides: 6 months ago is due at 3, not at 12', () => {
    const f = facts({ medical: { reviewedOn: '2026-05-20' } });
    expect(clinicalAlertsOf(f, TODAY, 3).reviewRequired).toBe(true);
    expect(clinicalAlertsOf(f, TODAY, 12).reviewRequired).toBe(false);
  });
});
