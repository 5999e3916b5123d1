import { describe, expect, it } from 'vitest';
import { clinicFormFromSettings, clinicInputFromForm, EMPTY_CLINIC_FORM, errorsUnder } from './clinic-form';

describe('clinic form', () => {
  it('splits the address box into trimmed, non-empty lines', () => {
    const input = clinicInputFromForm({ ...EMPTY_CLINIC_FORM, address: ' 12 Wimpole Street \n\n London\n' });
    expect(input.addressLines).toEqual(['12 Wimpole Street', 'London']);
  });

  it('round-trips settings', () => {
    const settings = {
      clinicName: 'Bramble',
      addressLines: ['1 High St', 'Leeds'],
      postcode: 'LS1 1AA',
      phone: '0113 496 0000',
      email: 'a@b.co.uk',
      icoRegistrationNumber: 'ZA123456',
      dataProtectionContact: 'Owner',
      bankHolidayRegion: 'scotland' as const,
      autoLockMinutes: 5,
      maxUploadMB: 50,
      receptionSeesVisitSummary: true,
      medicalReviewMonths: 12,
      marketingIncludesIncompleteEvidence: false,
    };
    const {
      autoLockMinutes: _ignored,
      maxUploadMB: _alsoIgnored,
      receptionSeesVisitSummary: _own,
      medicalReviewMonths: _review,
      marketingIncludesIncompleteEvidence: _marketing,
      ...rest
    } = settings;
    expect(clinicInputFromForm(clinicFormFromSettings(settings))).toEqual(rest);
  });

  it('takes errors under a prefix and folds address lines onto the address box', () => {
    const errors = {
      'clinic.postcode': 'Enter a UK postcode, like SW1A 1AA.',
      'clinic.addressLines.2': 'Keep this under 200 characters.',
      'owner.password': 'Too short',
    };
    expect(errorsUnder(errors, 'clinic.')).toEqual({
      postcode: 'Enter a UK postcode, like SW1A 1AA.',
      addressLines: 'Keep this under 200 characters.',
    });
  });
});
