/**
 * The audit viewer answers "who opened this client's record?" (issue #10 item 6):
 * names shown, a client picker filter that uses the client search, the
 * filtered view as CSV, and the owner's panel on the client's History tab.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import {
  type AppHandle,
  callFromPage,
  expect,
  openNav,
  OWNER_PASSWORD,
  signIn,
  snapshot,
  STAFF_PASSWORD,
  test,
} from './fixtures';
import { axeViolations } from './axe';
import { openClient } from './consent-helpers';

interface Created {
  ok: boolean;
  value: { id: string };
}

async function addClient(app: AppHandle, firstName: string, lastName: string, dateOfBirth: string, mobile: string) {
  const r = (await callFromPage(app, 'clients.create', { firstName, lastName, dateOfBirth, mobile })) as Created;
  expect(r.ok).toBe(true);
  return r.value.id;
}

/** WCAG 2.1 A/AA, as e2e/accessibility.spec.ts checks the other screens. */
async function expectNoAxeViolations(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

// These tests sign in several times (the log's own subject) with the real key derivation, and set up
// staff through the CLI; on a loaded two-core machine that runs close to Playwright's 30 s default.
test.beforeEach(() => {
  test.setTimeout(90_000);
});

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Switch user' }).click();
  await expect(page.getByLabel('Username')).toBeVisible();
}

test('the audit log names clients and staff, filters by a client found with the search, and exports the view as CSV', async ({
  vault,
  openApp,
}) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  await vault.addStaff({ owner: 'sarah', username: 'priya', displayName: 'Priya Patel', role: 'practitioner' });
  const app = await openApp();
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'priya', STAFF_PASSWORD);
  const laura = await addClient(app, 'Laura', 'Ó Briain', '1964-06-12', '07700 900111');
  await addClient(app, 'Tom', 'Ashworth', '1980-02-03', '07700 900222');
  await openClient(page, 'Laura Ó Briain', 'Medical');
  await openClient(page, 'Tom Ashworth');
  await signOut(page);
  await signIn(page, 'sarah', OWNER_PASSWORD);

  await openNav(page, 'Audit log');
  const table = page.getByRole('table', { name: /Audit entries/ });
  const bodyRows = table.locator('tbody tr');
  const opened = bodyRows.filter({ hasText: 'Medical history viewed' });
  await expect(opened).toHaveCount(1);
  await expect(opened).toContainText('Priya Patel');
  await expect(opened).toContainText('Laura Ó Briain');
  await expect(bodyRows.filter({ hasText: 'Tom Ashworth' }).first()).toBeVisible();
  // Every action the core writes has its label and its group in the filter.
  const action = page.getByLabel('Action');
  for (const label of ['All consent activity', 'All privacy notice activity', 'All marketing exports', 'Consent recorded', 'Privacy notice published', 'Marketing list exported']) {
    await expect(action.locator('option', { hasText: label })).toHaveCount(1);
  }

  // The client filter is the client search: a near spelling and no id anywhere.
  const picker = page.getByRole('combobox', { name: 'Client' });
  await picker.fill('briain');
  await expect(page.getByRole('listbox', { name: 'Matching clients' })).toBeVisible();
  await page.screenshot({ path: 'e2e-artifacts/audit-client-picker-1366x768.png' });
  await expectNoAxeViolations(page);
  await page.getByRole('listbox', { name: 'Matching clients' }).getByRole('option', { name: /Laura Ó Briain/ }).click();
  await expect(page.getByTestId('audit-client-filter')).toHaveText('Laura Ó Briain');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(bodyRows.filter({ hasText: 'Tom Ashworth' })).toHaveCount(0);
  await expect(bodyRows.filter({ hasText: 'Client added' })).toHaveCount(1);
  const shown = await bodyRows.count();
  expect(shown).toBeGreaterThanOrEqual(3);
  for (let i = 0; i < shown; i++) await expect(bodyRows.nth(i)).toContainText('Laura Ó Briain');
  await page.screenshot({ path: 'e2e-artifacts/audit-viewer-1366x768.png' });
  await snapshot(page, 'audit-viewer-client-filter');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('Entry,Date and time,Staff,Staff id,Action,Action code,Client,Client id,Subject type,Subject id,Subject name,Detail');
  expect(lines).toHaveLength(shown + 1);
  for (const line of lines.slice(1)) expect(line).toContain(`,Laura Ó Briain,${laura},`);
  expect(csv).toContain(',Priya Patel,');
  await expect(page.getByRole('status').filter({ hasText: `Exported ${shown} entries as CSV.` })).toBeVisible();

  // The export is itself in the log; removing the client filter brings everyone back.
  await page.getByRole('button', { name: /Remove the client filter/ }).click();
  await page.getByLabel('Action').selectOption({ label: 'Audit log exported as CSV' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(bodyRows).toHaveCount(1);
  await expect(bodyRows.first()).toContainText('Sarah Jones');
});

test('the owner sees who has opened a record on its History tab; a practitioner does not', async ({ vault, openApp }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  await vault.addStaff({ owner: 'sarah', username: 'priya', displayName: 'Priya Patel', role: 'practitioner' });
  await vault.addStaff({ owner: 'sarah', username: 'rachel', displayName: 'Rachel Reid', role: 'reception' });
  const app = await openApp();
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'priya', STAFF_PASSWORD);
  await addClient(app, 'Laura', 'Ó Briain', '1964-06-12', '07700 900111');
  await openClient(page, 'Laura Ó Briain', 'Medical');
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByRole('heading', { name: 'Changes' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Who has opened this record' })).toHaveCount(0);
  await signOut(page);
  await signIn(page, 'rachel', STAFF_PASSWORD);
  await openClient(page, 'Laura Ó Briain');
  await signOut(page);

  await signIn(page, 'sarah', OWNER_PASSWORD);
  await openClient(page, 'Laura Ó Briain', 'History');
  const panel = page.getByRole('region', { name: 'Who has opened this record' });
  const rows = panel.locator('tbody tr');
  // Newest first: the owner opening it now, Rachel, then Priya's medical history, record and history.
  await expect(rows.first()).toContainText('Sarah Jones');
  const rachel = rows.filter({ hasText: 'Rachel Reid' });
  await expect(rachel).toHaveCount(1);
  await expect(rachel).toContainText('Client record opened');
  await expect(rachel.locator('td').first()).toHaveText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  await expect(rows.filter({ hasText: 'Priya Patel' }).filter({ hasText: 'Medical history viewed' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Priya Patel' }).filter({ hasText: 'Change history viewed' })).toHaveCount(1);
  await panel.scrollIntoViewIfNeeded();
  await snapshot(page, 'history-who-opened');
  await expectNoAxeViolations(page);
});
