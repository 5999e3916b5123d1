/**
 * Issue #12 item 5: the record of processing (Art 30) in Settings starts with
 * the clinic defaults, the owner adds a processor and saves a new version,
 * a blank lawful basis is refused at the field, the PDF export downloads a
 * readable PDF, and reception cannot save it through the contract.
 */
import { execFileSync } from 'node:child_process';
import { axeViolations } from './axe';
import type { Page } from '@playwright/test';
import { callFromPage, expect, openNav, OWNER_PASSWORD, signIn, snapshot, STAFF_PASSWORD, test } from './fixtures';

async function expectNoAxeViolations(page: Page) {
  expect(await axeViolations(page, 'section[aria-labelledby="processing-heading"]')).toEqual([]);
}

test('the owner edits the record of processing, saves a version, exports the PDF; reception is refused', async ({ vault, openApp }) => {
  test.setTimeout(90_000);
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  const app = await openApp();
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await openNav(page, 'Settings');

  const section = page.getByRole('region', { name: 'Record of processing (UK GDPR Art 30)' });
  await expect(section.getByTestId('processing-version')).toContainText('Version 1, the defaults');
  await expect(section.getByLabel('Lawful basis').first()).toHaveValue('Contract (UK GDPR Art 6(1)(b))');
  await section.getByRole('heading', { name: 'Record of processing (UK GDPR Art 30)' }).scrollIntoViewIfNeeded();
  await expectNoAxeViolations(page);

  // A blank lawful basis is refused with the field's message, and nothing is saved.
  await section.getByLabel('Lawful basis').nth(1).fill('');
  await section.getByRole('button', { name: 'Save record of processing' }).click();
  await expect(section.getByRole('group', { name: 'Purpose 2' }).getByText('Enter the lawful basis.')).toBeVisible();
  await expect(section.getByTestId('processing-version')).toContainText('Version 1');
  await section.getByLabel('Lawful basis').nth(1).fill('Legitimate interests (UK GDPR Art 6(1)(f))');

  // Add a processor and save: version 2, by the owner.
  await section.getByRole('button', { name: 'Add recipient' }).click();
  const added = section.getByRole('group', { name: 'Recipient 8' });
  await added.getByRole('textbox', { name: 'Recipient 8', exact: true }).fill('Cloud backup service');
  await added.getByLabel('What for').fill('Encrypted off-site backups');
  await section.getByRole('button', { name: 'Save record of processing' }).click();
  await expect(section.getByTestId('processing-version')).toContainText('Version 2, saved by Sarah Jones');
  await expect(section.getByRole('group', { name: 'Recipient 8' }).getByRole('textbox', { name: 'Recipient 8', exact: true })).toHaveValue('Cloud backup service');
  await snapshot(page, 'processing-record-settings');
  await page.screenshot({ path: '/tmp/pdfw/processing-record-1366.png' });
  await section.getByRole('heading', { name: 'Record of processing (UK GDPR Art 30)' }).screenshot({ path: '/tmp/pdfw/processing-heading.png' });

  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Export as PDF' }).click()]);
  expect(download.suggestedFilename()).toBe('record-of-processing-v2.pdf');
  const path = await download.path();
  const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  for (const s of ['Bramble Aesthetics', 'Record of processing activities', 'Cloud backup service', 'Version 2', 'Page 1 of']) expect(text).toContain(s);

  // Reception: the contract refuses a save and an export, whatever the screen shows.
  const staff = (await callFromPage(app, 'staff.add', { username: 'rita', displayName: 'Rita Reception', role: 'reception', password: STAFF_PASSWORD })) as { ok: boolean };
  expect(staff.ok).toBe(true);
  await page.getByRole('button', { name: 'Switch user' }).click();
  await signIn(page, 'rita', STAFF_PASSWORD);
  const record = (await callFromPage(app, 'processing.get')) as { ok: boolean; value: Record<string, unknown> };
  expect(record.ok).toBe(true);
  const { updatedAt: _u, updatedBy: _b, version, ...content } = record.value;
  const save = (await callFromPage(app, 'processing.update', { ...content, expectedVersion: version })) as { ok: boolean; error?: { code: string } };
  expect(save).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const pdf = (await callFromPage(app, 'processing.exportPdf', { password: null })) as { ok: boolean; error?: { code: string } };
  expect(pdf).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
