/** Helpers for the consent and marketing specs: acting through the UI as the person at the desk would. */
import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { type AppHandle, callFromPage, openNav } from './fixtures';

/**
 * Publishes the clinic's privacy notice, as a clinic does before recording
 * consents: a grant without one is "evidence incomplete" and left off the
 * marketing lists (issue #11 item 4).
 */
export async function publishNotice(app: AppHandle, versionLabel = 'v1'): Promise<void> {
  await callFromPage(app, 'notices.publish', { versionLabel, effectiveOn: '2026-01-01', text: 'How the clinic uses your information.' });
}

/** Opens a client's record by name with the client search (Ctrl+K), on the given tab. */
export async function openClient(page: Page, name: string, tab?: string): Promise<void> {
  await openNav(page, 'Clients');
  const search = page.getByRole('combobox', { name: 'Find a client' });
  await search.fill(name.split(' ')[0]!);
  await page
    .getByRole('listbox', { name: 'Clients' })
    .getByRole('option', { name: new RegExp(name) })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  if (tab) await page.getByRole('tab', { name: tab }).click();
}

/** The row for one purpose in the Consent tab's current-state tables. */
export function consentRow(page: Page, purpose: string): Locator {
  return page.getByRole('row', { name: purpose, exact: true });
}

/** Records one consent with the Record consent form (defaults: given, in person, today, latest notice). */
export async function recordConsent(
  page: Page,
  purpose: string,
  opts: { state?: 'Given' | 'Refused (said no)' | 'Withdrawn'; expectSaved?: boolean } = {},
): Promise<void> {
  await page.getByRole('button', { name: 'Record consent', exact: true }).click();
  const form = page.getByRole('form', { name: 'Record consent' });
  await form.getByLabel('Purpose').selectOption({ label: purpose });
  if (opts.state) await form.getByLabel('The client’s answer').selectOption({ label: opts.state });
  await form.getByRole('button', { name: 'Save consent' }).click();
  if (opts.expectSaved ?? true) await expect(form).toBeHidden();
}

/** Withdraws a given consent with its one-step Withdraw button. */
export async function withdraw(page: Page, purpose: string, how = 'In person'): Promise<void> {
  await page.getByRole('button', { name: `Withdraw ${purpose}`, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Withdraw: ${purpose}` });
  await expect(dialog.getByLabel('How did the client tell you?')).toHaveValue(/in-person|phone|email/);
  if (how !== 'In person')
    await dialog.getByLabel('How did the client tell you?').selectOption({ label: how });
  await dialog.getByRole('button', { name: 'Withdraw', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(consentRow(page, purpose).getByText('Withdrawn', { exact: true })).toBeVisible();
}

/** Prepares the marketing list for a channel on the Marketing lists page. */
export async function prepareList(page: Page, channel: string): Promise<Locator> {
  await openNav(page, 'Marketing lists');
  await page.getByLabel('Channel').selectOption({ label: channel });
  await page.getByRole('button', { name: 'Prepare list' }).click();
  const summary = page.getByTestId('marketing-summary');
  await expect(summary).toBeVisible();
  return summary;
}

/** The count shown against one reason in the "Left off the list" table. */
export function exclusionCount(page: Page, reason: string): Locator {
  return page.getByRole('row', { name: new RegExp(`^${reason}`) }).getByRole('cell');
}

/** Clicks Download CSV and returns the file's text. */
export async function downloadCsv(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^marketing-[a-z]+-\d{4}-\d{2}-\d{2}\.csv$/);
  const path = await download.path();
  return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
}
