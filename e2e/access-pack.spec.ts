/**
 * The subject-access pack through the window (issue #12 items 6 and 14): an
 * access request is set up through the API, the owner withholds a treatment
 * note naming a friend, records the health check, makes the response PDF and
 * saves it. The saved PDF is read with pdftotext (headings, a Polish and an
 * Arabic name, the withheld label, "Page 1 of N"); then it makes the PDF and
 * ZIP into a folder from the window, and the ZIP's data.json is checked against
 * the committed JSON Schema. axe over the step, at 1366×768.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import Ajv2020 from 'ajv/dist/2020.js';
import { callFromPage, expect, openNav, ROOT, signIn, snapshot, test, OWNER_PASSWORD } from './fixtures';

async function expectNoViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

async function call<T>(app: Parameters<typeof callFromPage>[0], method: string, input: unknown): Promise<T> {
  const res = (await callFromPage(app, method, input)) as { ok: boolean; value?: T; error?: { message: string } };
  if (!res.ok) throw new Error(`${method}: ${res.error?.message}`);
  return res.value as T;
}

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
});

test('the owner withholds a note, makes the response PDF, saves it, makes the PDF and ZIP; the ZIP’s JSON matches its schema', async ({ openApp }) => {
  test.setTimeout(240_000);
  const app = await openApp();
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'sarah', OWNER_PASSWORD);

  const today = new Date().toISOString().slice(0, 10);
  const client = await call<{ id: string }>(app, 'clients.create', {
    firstName: 'Małgorzata',
    lastName: 'Wiśniewska',
    preferredName: 'فاطمة الزهراء',
    dateOfBirth: '1988-04-12',
    email: 'm.wisniewska@example.co.uk',
  });
  await call(app, 'medical.update', { clientId: client.id, changes: { allergies: 'Penicillin' }, reason: 'Consultation' });
  await call(app, 'treatments.create', {
    clientId: client.id,
    treatedOn: today,
    typeId: 'tt_chemical_peel',
    notes: 'Her friend Joanna Kowalska came along',
    medicalHistoryReviewed: true,
  });
  const logged = await call<{ request: { id: string; reference: string } }>(app, 'requests.add', {
    clientId: client.id,
    types: ['access'],
    channel: 'letter',
    receivedOn: today,
  });

  await openNav(page, 'Requests');
  await page.getByRole('button', { name: logged.request.reference }).click();
  const step = page.getByRole('region', { name: 'Subject-access pack' });
  await expect(step).toBeVisible();

  // Withhold the treatment's note: another person is named in it.
  await step.locator('summary', { hasText: 'Treatments' }).click();
  const note = step.getByRole('listitem').filter({ hasText: 'Note on Chemical peel' });
  await note.getByRole('button', { name: 'Withhold…' }).click();
  await note.getByLabel(/Why withhold/).selectOption({ label: 'third-party data' });
  await note.getByRole('button', { name: 'Withhold', exact: true }).click();
  await expect(note).toContainText('Withheld: third-party data');

  await step.getByLabel('How is disclosing the health data confirmed?').selectOption({ label: 'I am the appropriate health professional' });
  await step.getByRole('button', { name: 'Make the response PDF' }).click();
  await expect(step.getByRole('img', { name: /^Page 1 of \d+$/ })).toBeVisible({ timeout: 60_000 });
  await expectNoViolations(page);
  await snapshot(page, 'access-pack-step');

  const [download] = await Promise.all([page.waitForEvent('download'), step.getByRole('button', { name: 'Save' }).click()]);
  const dir = mkdtempSync(join(tmpdir(), 'cv-e2e-pack-'));
  const pdfPath = join(dir, download.suggestedFilename());
  await download.saveAs(pdfPath);
  const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' })
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .normalize('NFC');
  for (const heading of ['Your request for your personal data', 'About how we use your data', 'Identity and contact details', 'Medical history', 'Treatments']) {
    expect(text).toContain(heading);
  }
  expect(text).toContain('Wiśniewska');
  expect(text).toContain('فاطمة الزهراء');
  expect(text).toContain('Withheld: third-party data');
  expect(text).not.toContain('Joanna Kowalska');
  expect(text).toMatch(/Page 1 of \d+/);

  // The full export (PDF and ZIP) from the window, as the CLI makes it: data.json against the committed schema.
  const out = mkdtempSync(join(tmpdir(), 'cv-e2e-zip-'));
  await step.getByLabel('Folder to save the PDF and ZIP in').fill(out);
  await step.getByRole('button', { name: 'Make the PDF and ZIP' }).click();
  const saved = step.getByRole('status').filter({ hasText: 'Saved' });
  await expect(saved).toBeVisible({ timeout: 60_000 });
  await expect(saved).toContainText(`${logged.request.reference}-access-pack.zip`);
  expect(readdirSync(out).sort()).toEqual([`${logged.request.reference}-access-pack.pdf`, `${logged.request.reference}-access-pack.zip`]);
  await expectNoViolations(page);
  await snapshot(page, 'access-pack-zip');
  const exported = { zipFile: join(out, `${logged.request.reference}-access-pack.zip`) };
  const json = JSON.parse(execFileSync('unzip', ['-p', exported.zipFile, 'data.json'], { encoding: 'utf8' })) as unknown;
  const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'schemas', 'access-pack.schema.json'), 'utf8')) as object;
  const validate = new Ajv2020({ strict: false }).compile(schema);
  expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  expect(JSON.stringify(json)).not.toContain('Joanna Kowalska');
});
