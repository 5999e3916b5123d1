/**
 * The erasure reply (issue #12 item 8): says what was erased, what is kept
 * until when and why, quotes the request's reference, and is recorded on the
 * request. The PDF is rendered by the PDF builder and its text read back.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeLetterPdf } from '../pdf';
import { serviceContext } from '../service/service-context';
import { type TestVault, createTestVault } from '../test-support/temp-vault';
import { seedErasableClient } from '../test-support/erasure-test-support';
import { erasureLetterFor } from './erasure-reply';

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault();
});
afterEach(() => tv.cleanup());

describe('the erasure reply letter', () => {
  it('states what was erased, what is kept until when and why, with the request’s reference; the step is on the request', async () => {
    const { clientId } = await seedErasableClient(tv.api, 1);
    const { request } = await tv.api.call('requests.add', { clientId, types: ['erasure'], channel: 'letter', receivedOn: '2026-11-20' });
    const result = await tv.api.call('erasure.apply', { clientId, requestId: request.id, confirmation: 'ERASE' });
    expect(result.reference).toBe(request.reference);
    const text = result.letterText;
    expect(text).toContain(`Our reference: ${request.reference}`);
    expect(text).toContain('Wiesława Quarrington-Błaszczyk');
    expect(text).toContain('27 Zanzibar Terrace');
    expect(text).toMatch(/Contact details: address, postcode, email, phone numbers/);
    expect(text).toContain('Treatments, with products and batch numbers: kept until 20/11/2036.');
    expect(text).toContain('Article 17(3)(c)');
    expect(text).toContain('Information Commissioner’s Office');
    expect(text.trimEnd().endsWith('Clinical record kept until: 20/11/2036\n\nYours sincerely,\nRiverside Aesthetics')).toBe(true);
    const history = (await tv.api.call('requests.get', { id: request.id })).history;
    expect(history.map((h) => h.kind)).toContain('erasure.applied');
  });

  it('can be made again later for a kept record, addressed by the sealed name, and renders as a PDF', async () => {
    const { clientId } = await seedErasableClient(tv.api, 1);
    await tv.api.call('erasure.apply', { clientId, confirmation: 'ERASE' });
    const ctx = serviceContext({ core: tv.api.core, ...tv.api.core.requireSession() });
    const { letter, text } = erasureLetterFor(ctx, clientId, null);
    expect(letter.to).toEqual(['Wiesława Quarrington-Błaszczyk']);
    expect(text).toContain('kept until 20/11/2036');
    const dir = mkdtempSync(join(tmpdir(), 'cv-erasure-letter-'));
    try {
      const path = join(dir, 'erasure.pdf');
      const out = createWriteStream(path);
      const written = await writeLetterPdf(letter, out);
      await finished(out);
      expect(written.pages).toBeGreaterThanOrEqual(1);
      const pdfText = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
      expect(pdfText).toContain('Your request to erase your personal data');
      expect(pdfText).toContain('20/11/2036');
      expect(pdfText).toContain('Riverside Aesthetics');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
