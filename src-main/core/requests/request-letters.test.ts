/**
 * The acknowledgement, refusal and fee letters (issue #12 items 4 and 7) as
 * the owner copies them: reference, due date, the ID needed; the reasons, the
 * ICO and the courts. Made through the dispatcher, owner only, each kept in
 * the request's history.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newClient } from '../test-support/test-clients';
import { type TestVault, createTestVault, errorCodeOf } from '../test-support/temp-vault';

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault(); // 22/11/2026
});
afterEach(() => tv?.cleanup());

const letter = (id: string, kind: 'acknowledgement' | 'refusal' | 'fee', more: Record<string, unknown> = {}) =>
  tv.api.call('requests.letter', { id, kind, ...more });

describe('acknowledgement letter', () => {
  it('gives the reference, the date received, what was asked and the due date, addressed to the client', async () => {
    const client = await tv.api.call('clients.create', newClient({ addressLines: ['12 Rue de Lyon'], postcode: 'BS1 4DJ' }));
    const { request } = await tv.api.call('requests.add', { clientId: client.id, types: ['access', 'erasure'], channel: 'email', receivedOn: '2026-11-20' });
    const { text, fileName, warnings } = await letter(request.id, 'acknowledgement');
    expect(fileName).toBe('DSR-2026-0001-acknowledgement.pdf');
    expect(warnings).toEqual([]);
    expect(text).toContain('Riverside Aesthetics');
    expect(text).toContain(`${client.firstName} ${client.lastName}\n12 Rue de Lyon\nBS1 4DJ`);
    expect(text).toContain('Reference: DSR-2026-0001');
    expect(text).toContain('which we received on 20/11/2026. You asked for a copy of the personal data we hold about you (the right of access); and to erase your personal data (the right to erasure).');
    expect(text).toContain('We will respond by 21/12/2026.'); // 20/12/2026 is a Sunday
    expect(text).toContain('we will tell you why by 21/12/2026');
    expect(text).toContain('ico.org.uk');
    expect(text).not.toContain('ID needed');
    expect(text.indexOf('Response due by: 21/12/2026')).toBeLessThan(text.indexOf('Yours sincerely,'));
    expect(text.trimEnd().endsWith('Yours sincerely,\nRiverside Aesthetics')).toBe(true);
  });

  it('says what ID is needed while the clock waits for it, and asks a third party for their authority', async () => {
    const { request } = await tv.api.call('requests.add', {
      personName: 'Αλέξανδρος Παπαδόπουλος',
      types: ['access'],
      channel: 'letter',
      receivedOn: '2026-11-20',
      requester: { kind: 'third_party', name: 'Θεοδώρα Παπαδοπούλου', relationship: 'Mother' },
      identityNeeded: 'A copy of a passport or driving licence',
      identityRequestedOn: '2026-11-21',
    });
    const { text } = await letter(request.id, 'acknowledgement');
    expect(text).toContain('Θεοδώρα Παπαδοπούλου\n');
    expect(text).toContain('Dear Θεοδώρα Παπαδοπούλου,');
    expect(text).toContain('ID needed: A copy of a passport or driving licence');
    expect(text).toContain('Please send us: A copy of a passport or driving licence. The time limit for our response starts on the day we receive it');
    expect(text).toContain('Because you are asking on behalf of Αλέξανδρος Παπαδόπουλος, we also need evidence that you are entitled to act for them');
    expect(text).not.toContain('We will respond by');
  });

  it('comes as a PDF on the letterhead with the same words, its SHA-256 kept in the history', async () => {
    const { request } = await tv.api.call('requests.add', {
      personName: 'Αλέξανδρος Παπαδόπουλος', types: ['access'], channel: 'letter', receivedOn: '2026-11-20',
      identityNeeded: 'A copy of a passport', identityRequestedOn: '2026-11-21',
    });
    const { pdfBase64 } = await letter(request.id, 'acknowledgement');
    const pdf = Buffer.from(pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(tv.vaultDir, '..', 'ack.pdf');
    writeFileSync(file, pdf);
    const words = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(words).toContain('Riverside Aesthetics');
    expect(words).toContain('DSR-2026-0001');
    expect(words).toContain('Αλέξανδρος Παπαδόπουλος');
    expect(words).toContain('A copy of a passport');
    // The summary table comes before the signature, never after it.
    expect(words.indexOf('ID needed')).toBeGreaterThan(-1);
    expect(words.indexOf('ID needed')).toBeLessThan(words.indexOf('Yours sincerely'));
    expect(words.trimEnd().split('\n').filter((l) => l.trim() && !/Page \d+ of \d+/.test(l)).at(-1)!.trim()).toBe('Riverside Aesthetics');
    const { createHash } = await import('node:crypto');
    const { history } = await tv.api.call('requests.get', { id: request.id });
    expect(history.at(-1)!.detail).toMatchObject({ letterKind: 'acknowledgement', sha256: createHash('sha256').update(pdf).digest('hex') });
  });
});

describe('refusal and fee letters', () => {
  it('a refusal gives the reasons, the right to complain to the ICO and to go to court, and is kept in the history', async () => {
    const { request } = await tv.api.call('requests.add', { personName: 'Ivan Petrov', types: ['access'], channel: 'email', receivedOn: '2026-11-02' });
    const { text } = await letter(request.id, 'refusal', { ground: 'manifestly_unfounded', reasons: 'You have said you will withdraw the request in exchange for a payment.' });
    expect(text).toContain('We have decided not to act on it, because we consider it manifestly unfounded (UK GDPR Article 12(5)). Our reasons are:');
    expect(text).toContain('You have said you will withdraw the request in exchange for a payment.');
    expect(text).toContain('the right to complain to the Information Commissioner’s Office (ICO)');
    expect(text).toContain('the right to seek to enforce your rights through the courts');
    expect(text).toContain('Response due by: 02/12/2026');
    const { history } = await tv.api.call('requests.get', { id: request.id });
    expect(history.at(-1)).toMatchObject({ kind: 'letter.made', detail: { letterKind: 'refusal' } });
  });

  it('a refusal without reasons is refused, and nothing is recorded', async () => {
    const { request } = await tv.api.call('requests.add', { personName: 'Ivan Petrov', types: ['access'], channel: 'email', receivedOn: '2026-11-02' });
    expect(await errorCodeOf(() => letter(request.id, 'refusal', { ground: 'manifestly_excessive', reasons: '  ' }))).toBe('VALIDATION');
    expect(await errorCodeOf(() => letter(request.id, 'refusal', { reasons: 'Why' }))).toBe('VALIDATION');
    expect((await tv.api.call('requests.get', { id: request.id })).history.map((h) => h.kind)).toEqual(['logged']);
  });

  it('a refusal after the due date warns that the time limit has passed', async () => {
    const { request } = await tv.api.call('requests.add', { personName: 'Ivan Petrov', types: ['access'], channel: 'email', receivedOn: '2026-09-02' });
    const { warnings } = await letter(request.id, 'refusal', { ground: 'manifestly_excessive', reasons: 'The fifth identical request this month.' });
    expect(warnings).toEqual(['The time limit for responding ended on 02/10/2026: send this letter without further delay.']);
  });

  it('a fee letter names the fee, why, and that the clock starts when it is paid; it needs the fee recorded first', async () => {
    const { request } = await tv.api.call('requests.add', { personName: 'Ivan Petrov', types: ['access'], channel: 'email', receivedOn: '2026-11-02' });
    expect(await errorCodeOf(() => letter(request.id, 'fee', { reasons: 'Repeats' }))).toBe('VALIDATION');
    await tv.api.call('requests.update', { id: request.id, changes: { fee: { reason: 'manifestly_excessive', amountPence: 1250, requestedOn: '2026-11-03' } } });
    const { text } = await letter(request.id, 'fee', { reasons: 'You asked for the same records three times in a month.' });
    expect(text).toContain('we will deal with it on payment of a reasonable fee of £12.50');
    expect(text).toContain('manifestly excessive');
    expect(text).toContain('You asked for the same records three times in a month.');
    expect(text).toContain('The one-month time limit for our response starts on the day it arrives.');
    expect(text).toContain('the right to seek to enforce your rights through the courts');
  });
});
