/**
 * Issue #10 item 7: publishing a privacy notice counts "no notice recorded"
 * and "an older version" apart, lists the clients to contact a page of 100 at
 * a time, and exports the whole list as CSV.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { type AppHandle, callFromPage, expect, openNav, OWNER_PASSWORD, signIn, snapshot, test } from './fixtures';

const FIRST = ['Ava', 'Ben', 'Cara', 'Dev', 'Elin', 'Finn', 'Gita', 'Hugo', 'Isla', 'Jon', 'Kemi', 'Luca'];
const LAST = ['Abbott', 'Barker', 'Chen', 'Doyle', 'Evans', 'Fraser', 'Gill', 'Hughes', 'Iqbal', 'Jones'];

/** Made-up clients, each with a distinct date of birth, each giving email marketing consent. */
async function clientsWithConsent(app: AppHandle, count: number, from: number, noticeId: string | null) {
  for (let i = from; i < from + count; i++) {
    const dob = new Date(Date.UTC(1950, 0, 1 + i * 37)).toISOString().slice(0, 10);
    const created = (await callFromPage(app, 'clients.create', {
      firstName: FIRST[i % FIRST.length],
      lastName: `${LAST[Math.floor(i / FIRST.length) % LAST.length]}`,
      dateOfBirth: dob,
    })) as { ok: boolean; value: { id: string } };
    expect(created.ok).toBe(true);
    const consent = (await callFromPage(app, 'consent.record', {
      clientId: created.value.id,
      purposeId: 'marketing.email',
      state: 'granted',
      method: 'paper-form',
      noticeId,
    })) as { ok: boolean };
    expect(consent.ok).toBe(true);
  }
}

async function publish(page: Page, version: string) {
  const notices = page.getByRole('region', { name: 'Privacy notices' });
  await notices.getByRole('button', { name: 'Publish new version' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish a new privacy notice' });
  await dialog.getByLabel('Version label').fill(version);
  await dialog.getByLabel('Full text').fill(`How Bramble Aesthetics uses your information. Version ${version}.`);
  await dialog.getByRole('button', { name: 'Publish' }).click();
  await expect(dialog).toBeHidden();
  return notices;
}

test('a first notice counts consents resting on none apart from an older version, pages the list and exports it as CSV', async ({
  vault,
  openApp,
}) => {
  test.setTimeout(90_000);
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  const app = await openApp();
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await clientsWithConsent(app, 105, 0, null);

  await openNav(page, 'Settings');
  let notices = await publish(page, 'v1');
  await expect(notices.getByTestId('notice-affected-count')).toContainText('105 clients’ consents rest on no recorded notice.');
  await expect(notices.getByTestId('notice-affected-older')).toHaveText('On an older version: 0 clients');
  await expect(notices.getByTestId('notice-affected-none')).toHaveText('No notice recorded: 105 clients');

  // A page of 100, then the rest; Previous comes back.
  const rows = notices.locator('table.notice-affected tbody tr');
  await expect(notices.getByTestId('notice-affected-range')).toHaveText('1–100 of 105');
  await expect(rows).toHaveCount(100);
  await expect(rows.first()).toContainText('None recorded');
  await notices.getByRole('button', { name: 'Next' }).click();
  await expect(notices.getByTestId('notice-affected-range')).toHaveText('101–105 of 105');
  await expect(rows).toHaveCount(5);
  await expect(notices.getByRole('button', { name: 'Next' })).toBeDisabled();
  await notices.getByRole('button', { name: 'Previous' }).click();
  await expect(notices.getByTestId('notice-affected-range')).toHaveText('1–100 of 105');

  const [download] = await Promise.all([page.waitForEvent('download'), notices.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('privacy-notice-v1-clients.csv');
  const lines = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  expect(lines[0]).toBe('Client,Consents,Version they were given');
  expect(lines).toHaveLength(106);
  expect(lines.slice(1).every((l) => l.endsWith(',Marketing by email,none recorded'))).toBe(true);
  await snapshot(page, 'privacy-notice-first');

  // One more client consents under v1; v2 then finds one on an older version and 105 on none.
  const list = (await callFromPage(app, 'notices.list')) as { value: { id: string; versionLabel: string }[] };
  const v1 = list.value.find((n) => n.versionLabel === 'v1')!;
  await clientsWithConsent(app, 1, 105, v1.id);
  await openNav(page, 'Home');
  await openNav(page, 'Settings');
  notices = await publish(page, 'v2');
  await expect(notices.getByTestId('notice-affected-count')).toContainText('106 clients’ consents rest on an older version or on none.');
  await expect(notices.getByTestId('notice-affected-older')).toHaveText('On an older version: 1 client');
  await expect(notices.getByTestId('notice-affected-none')).toHaveText('No notice recorded: 105 clients');
  // The client who rests on v1 is on the second page, by name (Iqbal, Jon), with the version they were given.
  await notices.getByRole('button', { name: 'Next' }).click();
  await expect(notices.getByTestId('notice-affected-range')).toHaveText('101–106 of 106');
  await expect(notices.getByRole('row', { name: /Jon Iqbal/ })).toContainText('v1');
  await expect(rows.filter({ hasText: 'None recorded' })).toHaveCount(5);
});
