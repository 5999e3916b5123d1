import { describe, expect, it } from 'vitest';
import {
  changedFields,
  checkClientForm,
  clientFormFromRecord,
  clientInputFromForm,
  EMPTY_CLIENT_FORM,
} from './client-form';

const zoe = { ...EMPTY_CLIENT_FORM, firstName: 'Zoë', lastName: 'Ó Briain', dateOfBirth: '05/03/1990' };

describe('client form', () => {
  it('turns the typed date of birth into an ISO date and empty GP details into null', () => {
    const input = clientInputFromForm({
      ...zoe,
      address: ' 1 High St \n\nLeeds ',
      treatmentInterests: 'Lips, , Skin',
    });
    expect(input.dateOfBirth).toBe('1990-03-05');
    expect(input.addressLines).toEqual(['1 High St', 'Leeds']);
    expect(input.treatmentInterests).toEqual(['Lips', 'Skin']);
    expect(input.gp).toBeNull();
  });

  it('accepts a minimal client', () => {
    expect(checkClientForm(zoe)).toEqual({});
  });

  it('reports each problem against its field, with the app’s messages', () => {
    const errors = checkClientForm({
      ...EMPTY_CLIENT_FORM,
      dateOfBirth: '31/02/1990',
      postcode: 'nope',
      gpPhone: '12',
      otherPhones: [{ label: 'Work', number: 'abc' }],
    });
    expect(errors.firstName).toBe('Enter the first name.');
    expect(errors.dateOfBirth).toBe('Enter a real date, like 25/12/1990.');
    expect(errors.postcode).toMatch(/UK postcode/);
    expect(errors['gp.phone']).toMatch(/UK phone number/);
    expect(errors['otherPhones.0.number']).toMatch(/UK phone number/);
  });

  it('refuses a date of birth in the future', () => {
    expect(checkClientForm({ ...zoe, dateOfBirth: '01/01/2999' }).dateOfBirth).toMatch(/future/);
  });

  it('sends only the fields that changed', () => {
    const record = clientInputFromForm(zoe);
    const after = clientInputFromForm({ ...clientFormFromRecord(record), mobile: '07700 900123' });
    expect(changedFields(record, after)).toEqual({ mobile: '07700 900123' });
  });
});
