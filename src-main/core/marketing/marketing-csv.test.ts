/** The CSV a mailing service or Excel reads: BOM, header, RFC 4180 quoting, no formulas. */
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell } from '../export/csv';
import { type MarketingContact, csvHeaders, marketingCsv } from './marketing-csv';

const zoe: MarketingContact = {
  firstName: 'Zoë',
  lastName: 'Hartley',
  preferredName: '',
  email: 'zoe@example.com',
  mobile: '+447700900123',
  callNumber: '+441174960123',
  messengerHandle: 'zoe.hartley.5',
  addressLines: ['Flat 2, 1 Harbour Walk', 'Bristol'],
  postcode: 'BS1 4DJ',
};

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['Smith, Jo', '"Smith, Jo"'],
    ['Jo "JJ" Smith', '"Jo ""JJ"" Smith"'],
    ['line one\nline two', '"line one\nline two"'],
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['+44 7700 900123', "'+44 7700 900123"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', `"'\rCR"`],
    [';=1+1', `"';=1+1"`],
    ['\uff1d1+1', "'\uff1d1+1"],
    ['\uff0bcmd', "'\uff0bcmd"],
    ['\uff0d2+3', "'\uff0d2+3"],
    ['\uff20SUM(A1)', "'\uff20SUM(A1)"],
    ['Smith; =cmd', '"Smith; =cmd"'],
    ['Jo ＝ Smith', 'Jo ＝ Smith'],
    ['', ''],
    ["O'Brien", "O'Brien"],
  ])('%j → %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('marketingCsv', () => {
  it('starts with a BOM and a header row, ends every row with CRLF', () => {
    const csv = marketingCsv('email', [zoe]);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.slice(1)).toBe('First name,Last name,Preferred name,Email\r\nZoë,Hartley,,zoe@example.com\r\n');
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('has the columns of each channel', () => {
    expect(csvHeaders('sms')).toEqual(['First name', 'Last name', 'Preferred name', 'Mobile']);
    expect(csvHeaders('phone')).toEqual(['First name', 'Last name', 'Preferred name', 'Phone']);
    expect(csvHeaders('messenger')).toEqual(['First name', 'Last name', 'Preferred name', 'Messenger handle']);
    expect(marketingCsv('post', [zoe]).split('\r\n')).toEqual([
      `${CSV_BOM}First name,Last name,Preferred name,Address line 1,Address line 2,Address line 3,Address line 4,Postcode`,
      'Zoë,Hartley,,"Flat 2, 1 Harbour Walk",Bristol,,,BS1 4DJ',
      '',
    ]);
  });

  it('holds only what each channel needs: no email or mobile on the Messenger, post or telephone lists', () => {
    expect(marketingCsv('messenger', [zoe]).split('\r\n')[1]).toBe('Zoë,Hartley,,zoe.hartley.5');
    expect(marketingCsv('phone', [zoe]).split('\r\n')[1]).toBe('Zoë,Hartley,,0117 496 0123');
    expect(marketingCsv('sms', [zoe]).split('\r\n')[1]).toBe('Zoë,Hartley,,07700 900123');
    expect(marketingCsv('email', [zoe]).split('\r\n')[1]).toBe('Zoë,Hartley,,zoe@example.com');
    for (const channel of ['messenger', 'post', 'phone'] as const) {
      const csv = marketingCsv(channel, [zoe]);
      expect(csv).not.toContain('zoe@example.com');
      expect(csv).not.toContain('900123');
    }
  });

  it('defuses a name written as a formula', () => {
    const csv = marketingCsv('sms', [{ ...zoe, firstName: '=cmd|" /C calc"!A0', lastName: '@evil' }]);
    expect(csv.split('\r\n')[1]).toBe(`"'=cmd|"" /C calc""!A0",'@evil,,07700 900123`);
  });

  it('defuses a fullwidth or semicolon formula in any column', () => {
    const csv = marketingCsv('post', [{ ...zoe, firstName: '＝HYPERLINK("http://x")', lastName: ';cmd', addressLines: ['＋1', '－1', '＠A1'] }]);
    expect(csv.split('\r\n')[1]).toBe(`"'＝HYPERLINK(""http://x"")","';cmd",,'＋1,'－1,'＠A1,,BS1 4DJ`);
  });

  it('an empty list is just the header', () => {
    expect(marketingCsv('email', [])).toBe(`${CSV_BOM}First name,Last name,Preferred name,Email\r\n`);
  });
});
