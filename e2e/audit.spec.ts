import { expect, openNav, OWNER_PASSWORD, signIn, snapshot, test } from './fixtures';

// These tests sign in several times (the log's own subject) with the real key derivation, and set up
// staff through the CLI; on a loaded two-core machine that runs close to Playwright's 30 s default.
test.beforeEach(() => {
  test.setTimeout(90_000);
});

test('the audit log shows sign-ins and failures, filters by action, and verifies its chain', async ({
  vault,
  openApp,
}) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  const { page } = await openApp();

  await page.getByLabel('Username').fill('sarah');
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await signIn(page, 'sarah', OWNER_PASSWORD);

  await openNav(page, 'Audit log');
  const rows = page.getByRole('table').getByRole('row');
  const failed = rows.filter({ hasText: 'Sign-in failed' });
  const signedIn = rows.filter({ hasText: 'Signed in' });
  await expect(failed).toHaveCount(1);
  await expect(signedIn.first()).toBeVisible();
  await expect(signedIn.first()).toContainText('Sarah Jones');
  // Newest first, with en-GB date and time (the owner's background quick check may be logged just after).
  await expect(rows.nth(1)).toContainText(/Signed in|Quick database check/);
  await expect(signedIn.first()).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/);
  await snapshot(page, 'audit-log');

  // Filter to failed sign-ins only.
  await page.getByLabel('Action').selectOption({ label: 'Sign-in failed' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(rows.filter({ hasText: 'Signed in' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'Sign-in failed' })).toHaveCount(1);

  // Filter by staff member and a date range that excludes today: nothing.
  await page.getByLabel('Action').selectOption({ label: 'All actions' });
  await page.getByLabel('Staff member').selectOption({ label: 'Sarah Jones' });
  // Dates are typed the British way; an impossible one is refused inline.
  await page.getByLabel('From').fill('31/02/2020');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText('Enter a date like 31/01/2026.')).toBeVisible();
  await page.getByLabel('From').fill('01/01/2020');
  await page.getByLabel('To').fill('31/01/2020');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText('No entries match these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(rows.filter({ hasText: 'Vault created' })).toHaveCount(1);

  // The chain is intact.
  await page.getByRole('button', { name: 'Verify audit chain' }).click();
  await expect(page.getByText(/^All \d+ entries intact$/)).toBeVisible();
  await snapshot(page, 'audit-log-verified');
});

test('"Load older" pages back through a long log', async ({ vault, openApp }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  // Each lock and sign-in adds two entries; 30 rounds gives more than one page of 50.
  for (let i = 0; i < 30; i++) {
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByLabel('Password', { exact: true }).fill(OWNER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  }
  await openNav(page, 'Audit log');
  const bodyRows = page.getByRole('table').locator('tbody tr');
  await expect(bodyRows).toHaveCount(50);
  await page.getByRole('button', { name: 'Load older' }).click();
  await expect(bodyRows).not.toHaveCount(50);
  await expect(page.getByRole('button', { name: 'Load older' })).toHaveCount(0);
  await expect(bodyRows.last()).toContainText('Vault created');
});
