/** The phone, NHS number, postcode and Messenger handle fields as every form and the CLI check them. */
import { describe, expect, it } from 'vitest';
import { messengerHandle, nhsNumber, ukPhone, ukPostcode } from './field-schemas';
import { clientIdentitySchema } from './record-schemas';

describe('ukPhone', () => {
  it.each([
    ['+44 (0)7700 900123', '+447700900123'],
    ['0044 (0)7700 900123', '+447700900123'],
    ['07700-900-123', '+447700900123'],
    ['  020 7946 0000 ', '+442079460000'],
    ['', ''],
  ])('stores %j as %j', (typed, stored) => {
    expect(ukPhone.parse(typed)).toBe(stored);
  });

  it.each(['0000000000', '07777777777', '12345', '+33 1 23 45 67 89'])('refuses %j with a message that says what to type', (typed) => {
    const r = ukPhone.safeParse(typed);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/^Enter a UK phone number, like 07700 900123/);
  });
});

describe('nhsNumber and ukPostcode', () => {
  it('refuses an NHS number of one repeated digit, though it passes the check digit', () => {
    expect(nhsNumber.safeParse('0000000000').success).toBe(false);
    expect(nhsNumber.safeParse('943 476 5919').success).toBe(true);
  });

  it('accepts GIR 0AA', () => {
    expect(ukPostcode.parse('gir 0aa')).toBe('GIR 0AA');
  });
});

describe('messengerHandle', () => {
  it.each([
    ['jane.doe.5', 'jane.doe.5'],
    ['@jane.doe.5', 'jane.doe.5'],
    ['https://m.me/jane.doe.5', 'jane.doe.5'],
    ['www.facebook.com/jane.doe.5/', 'jane.doe.5'],
    ['', ''],
  ])('keeps %j as %j', (typed, stored) => {
    expect(messengerHandle.parse(typed)).toBe(stored);
  });

  it('refuses a handle with spaces', () => {
    expect(messengerHandle.safeParse('Jane Doe').error?.issues[0]?.message).toMatch(/Messenger username/);
  });

  it('is an optional field of the client record', () => {
    const base = { firstName: 'Zoë', lastName: 'Hartley', dateOfBirth: '1988-04-12' };
    expect(clientIdentitySchema.parse(base).messengerHandle).toBe('');
    expect(clientIdentitySchema.parse({ ...base, messengerHandle: 'm.me/zoe.h' }).messengerHandle).toBe('zoe.h');
  });
});
