/**
 * Issue #12 item 3: the bank holidays the deadlines count, in Settings. The
 * owner sees the region's dates for a year, "Expected" on a year GOV.UK has not
 * published, adds a one-off date and removes one; changing the region in Clinic
 * details lists the new region's dates. Reception is refused by the core.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import { ARTIFACTS, callFromPage, expect, openNav, OWNER_PASSWORD, signIn, snapshot, STAFF_PASSWORD, test } from './fixtures';

async function showYear(section: Locator, year: number): Promise<void> {
  const shown = section.getByRole('group', { name: 'Year shown' }).locator('strong');
  for (let i = 0; i < 200; i++) {
    const now = Number(await shown.textContent());
    if (now === year) return;
    await section.getByRole('button', { name: String(now < year ? now + 1 : now - 1) }).click();
    await expect(shown).not.toHaveText(String(now));
  }
}

function rowOf(section: Locator, name: RegExp | string): Locator {
  return section.getByRole('row').filter({ has: section.page().getByRole('rowheader', { name }) });
}

async function expectNoViolations(page: Page, include: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).include(include).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('the owner sees the year’s bank holidays, expected ones marked, adds and removes a date, and switches region', async ({ vault, openApp }) => {
  test.setTimeout(90_000);
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  const { page } = await openApp();
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await openNav(page, 'Settings');

  const section = page.getByRole('region', { name: 'Bank holidays' });
  await expect(section).toContainText('bank holidays of England and Wales');
  await showYear(section, 2026);
  await expect(section.getByRole('rowheader')).toHaveCount(8);
  await expect(rowOf(section, /Boxing Day/)).toContainText('Mon 28/12/2026');
  await expect(rowOf(section, /Boxing Day/)).toContainText('substitute day');
  await expect(section.getByText('Expected', { exact: true })).toHaveCount(0);
  await expect(section).toContainText('Open Government Licence v3.0');

  await showYear(section, 2029);
  await expect(section.getByText('Expected', { exact: true })).toHaveCount(8);
  await expect(section).toContainText('GOV.UK has not published 2029 yet');

  await section.getByLabel('Date').fill('08/06/2029');
  await section.getByLabel('Name').fill('Royal wedding bank holiday');
  await section.getByRole('button', { name: 'Add bank holiday' }).click();
  await expect(rowOf(section, /Royal wedding bank holiday/)).toContainText('Added by you');
  await expect(rowOf(section, /Royal wedding bank holiday/)).toContainText('Fri 08/06/2029');

  await section.getByRole('button', { name: 'Remove Summer bank holiday, 27/08/2029' }).click();
  await expect(rowOf(section, /Summer bank holiday/)).toContainText('removed: a working day');
  await expect(section.getByRole('button', { name: 'Put back Summer bank holiday, 27/08/2029' })).toBeVisible();

  // A bad date is refused in the form; a date already a holiday is refused by the core, with its message.
  await section.getByLabel('Date').fill('30/02/2029');
  await section.getByLabel('Name').fill('Not a day');
  await section.getByRole('button', { name: 'Add bank holiday' }).click();
  await expect(section.getByText('Enter a real date, like 08/05/2023.')).toBeVisible();
  await section.getByLabel('Date').fill('25/12/2029');
  await section.getByRole('button', { name: 'Add bank holiday' }).click();
  await expect(section.getByRole('alert').filter({ hasText: 'already a bank holiday' })).toBeVisible();

  await section.scrollIntoViewIfNeeded();
  await expectNoViolations(page, 'section[aria-labelledby="bank-holidays-heading"]');
  await snapshot(page, 'settings-bank-holidays');
  await section.screenshot({ path: join(ARTIFACTS, 'settings-bank-holidays-section.png') });
  await section.getByRole('heading', { name: 'Bank holidays' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'settings-bank-holidays-1366x768.png') });

  // The region is chosen under Clinic details; saving lists Scotland's dates.
  await page.getByRole('region', { name: 'Clinic details' }).getByLabel('Bank holidays').selectOption('scotland');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(section).toContainText('bank holidays of Scotland');
  await expect(rowOf(section, /St Andrew’s Day/)).toContainText('Fri 30/11/2029');
  await expect(rowOf(section, /2nd January/)).toContainText('Tue 02/01/2029');
  await expect(rowOf(section, /Royal wedding bank holiday/)).toBeVisible();
});

test('reception cannot change the bank holidays, even by calling the app directly', async ({ vault, openApp }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  await vault.addStaff({ owner: 'sarah', username: 'rita', displayName: 'Rita Patel', role: 'reception' });
  const app = await openApp();
  await signIn(app.page, 'rita', STAFF_PASSWORD);
  await expect(app.page.getByRole('heading', { level: 1, name: 'Welcome, Rita' })).toBeVisible();
  expect(await callFromPage(app, 'calendar.addHoliday', { date: '2029-06-08', name: 'Royal wedding' })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  expect(await callFromPage(app, 'calendar.removeHoliday', { date: '2026-12-25' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const read = (await callFromPage(app, 'calendar.holidays', { year: 2026 })) as { ok: boolean; value: { holidays: unknown[] } };
  expect(read.ok).toBe(true);
  expect(read.value.holidays).toHaveLength(8);
});
