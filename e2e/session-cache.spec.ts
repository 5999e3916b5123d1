/**
 * The renderer's read cache lives for one signed-in session (docs/renderer-data.md):
 * after a lock and someone else's sign-in, nothing the first person read is served
 * from it. Priya's home page must wait for the core's answer for her, never show
 * Sarah's recent clients, even for the moment before that answer arrives.
 */
import type { Route } from '@playwright/test';
import { ELECTRON, expect, OWNER_PASSWORD, signIn, STAFF_PASSWORD, test } from './fixtures';
import { addClientViaUi } from './records';

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  await vault.addStaff({ owner: 'sarah', username: 'priya', displayName: 'Priya Shah', role: 'practitioner' });
});

test('after a lock, the next person to sign in is never shown the first one’s cached data', async ({ page }) => {
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, { firstName: 'Beatriz', lastName: 'Costa', dateOfBirth: '17/02/1987' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Home', exact: true }).click();
  const recent = page.getByTestId('recent-clients');
  await expect(recent.getByRole('heading', { name: 'Your recent clients' })).toBeVisible();
  await expect(recent).toContainText('Beatriz Costa');

  await page.getByRole('button', { name: 'Lock', exact: true }).click();

  // Priya's first ask for her recent clients is held, so the page can be seen before the answer comes.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  if (!ELECTRON) {
    await page.route('**/api/call', async (route: Route) => {
      const body = route.request().postDataJSON() as { method?: string } | null;
      if (body?.method === 'home.recentClients') await held;
      await route.continue();
    });
  }

  await signIn(page, 'priya', STAFF_PASSWORD);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Priya' })).toBeVisible();
  if (!ELECTRON) {
    // A cache kept from Sarah's session would show her list here at once.
    await expect(recent.getByText('Loading…')).toBeVisible();
    await expect(recent).not.toContainText('Beatriz Costa');
    release();
  }
  await expect(recent).toContainText('Clients you open appear here, newest first.');
  await expect(recent).not.toContainText('Beatriz Costa');
});
