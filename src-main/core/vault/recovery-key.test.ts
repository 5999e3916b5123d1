import { describe, expect, it } from 'vitest';
import { generateRecoveryKey, normaliseRecoveryKey } from './recovery-key';

describe('recovery key', () => {
  it('is eight groups of four unambiguous characters, different every time', () => {
    const a = generateRecoveryKey();
    expect(a).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(generateRecoveryKey()).not.toBe(a);
  });

  it.each([
    ['lower case with spaces', (k: string) => k.toLowerCase().replace(/-/g, ' ')],
    ['no separators', (k: string) => k.replace(/-/g, '')],
    ['O typed for 0 and I/L for 1', (k: string) => k.replace(/0/g, 'O').replace(/1/g, 'l')],
  ])('reads back a key typed with %s', (_name, mangle) => {
    const key = '0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ';
    expect(normaliseRecoveryKey(mangle(key))).toBe(key);
  });

  it.each(['', 'ABCD-EFGH', '0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXY*', `${'A'.repeat(33)}`])('rejects %j', (typed) => {
    expect(normaliseRecoveryKey(typed)).toBeNull();
  });
});
