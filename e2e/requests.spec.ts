/**
 * The register of data subject requests through the window (issue #12 items
 * 1, 4, 12, 14): reception logs a request from someone not yet matched to a
 * client, with ID asked for; the register shows it waiting with its clock
 * stopped; reception records the ID received and the due date appears, a
 * month from the day it arrived. The owner's home page counts it, and the
 * owner's request page shows the steps. axe over each screen, at 1366×768.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openNav, OWNER_PASSWORD, signIn, snapshot, STAFF_PASSWORD, test } from './fixtures';

async function expectNoViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  await vault.addStaff({ owner: 'sarah', username: 'rachel', displayName: 'Rachel Reed', role: 'reception', password: STAFF_PASSWORD });
});

test('reception logs a request, sees it waiting for ID, records the ID and sees the due date move', async ({ openApp }) => {
  const { page } = await openApp();
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'rachel', STAFF_PASSWORD);
  await openNav(page, 'Requests');
  await expect(page.getByText('No open requests.')).toBeVisible();

  await page.getByRole('button', { name: 'Log a request' }).click();
  const form = page.getByRole('form', { name: 'Log a request' });
  await form.getByRole('radio', { name: 'Someone not matched to a client yet' }).check();
  await form.getByLabel('Their name, as they gave it').fill('Małgorzata Wiśniewska');
  await form.getByRole('checkbox', { name: /^Erasure/ }).check();
  await form.getByLabel('How it came in').selectOption({ label: 'Letter' });
  await form.getByLabel('Received on').fill('02/11/2026');
  await form.getByRole('checkbox', { name: /We need ID/ }).check();
  await form.getByLabel('ID asked for on').fill('03/11/2026');
  await expectNoViolations(page);
  await snapshot(page, 'requests-log-form');
  await form.getByRole('button', { name: 'Log the request' }).click();

  // The request's page: the clock waits for the ID.
  await expect(page.getByRole('heading', { level: 1, name: 'DSR-2026-0001 · Małgorzata Wiśniewska' })).toBeVisible();
  const due = page.getByTestId('request-due');
  await expect(due).toContainText('Not yet running');
  await expect(due).toContainText('Waiting for ID (clock stopped)');
  await expect(page.getByTestId('identity-state')).toHaveText('Waiting for the ID asked for on 03/11/2026: record it when it arrives.');
  // Reception does not see the owner's steps.
  await expect(page.getByRole('heading', { name: 'Mark sent' })).toHaveCount(0);

  await page.getByRole('button', { name: '← All requests' }).click();
  const waiting = page.getByTestId('requests-waiting');
  await expect(waiting.getByRole('row', { name: /DSR-2026-0001/ })).toContainText('Not yet running');
  await expect(page.getByTestId('request-counts')).toContainText('1Waiting (clock stopped)');
  await expectNoViolations(page);

  await waiting.getByRole('button', { name: 'DSR-2026-0001' }).click();
  await page.getByLabel('ID arrived on').fill('09/11/2026');
  await page.getByRole('button', { name: 'Record ID received' }).click();
  // A month from the day the ID arrived: Wednesday 09/12/2026.
  await expect(due).toContainText('09/12/2026');
  await expect(due).toContainText(/days? (left|overdue)|Due today/);
  await expect(page.getByTestId('identity-state')).toHaveText('Identity settled: the request can go ahead.');
  await expectNoViolations(page);
  await snapshot(page, 'requests-request-reception');

  await page.getByRole('button', { name: '← All requests' }).click();
  await expect(page.getByRole('row', { name: /DSR-2026-0001/ })).toContainText('09/12/2026');
  await expect(page.getByTestId('requests-waiting')).toHaveCount(0);
  await snapshot(page, 'requests-dashboard');

  // The owner's home page counts it; the owner's request page has the steps.
  await page.getByRole('button', { name: 'Switch user' }).click();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await expect(page.getByTestId('owner-tasks')).toContainText('1 data request is open');
  await page.getByTestId('owner-tasks').getByRole('button', { name: 'Open the register' }).click();
  await page.getByRole('button', { name: 'DSR-2026-0001' }).click();
  await expect(page.getByRole('list', { name: 'Steps' })).toHaveText('1Identity (done)2Gather3Review and redact4Health check5Export6Mark sent');
  await expect(page.getByRole('heading', { name: 'Mark sent' })).toBeVisible();
  await expectNoViolations(page);
  await snapshot(page, 'requests-request-owner');
});
