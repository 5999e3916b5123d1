import { callFromPage, expect, signIn, snapshot, STAFF_PASSWORD, test } from './fixtures';

test('a receptionist sees only what reception may use, and the app refuses the rest', async ({
  vault,
  openApp,
}) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  await vault.addStaff({ owner: 'sarah', username: 'rita', displayName: 'Rita Patel', role: 'reception' });
  const app = await openApp();
  const { page } = app;

  await signIn(page, 'rita', STAFF_PASSWORD);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Rita' })).toBeVisible();
  await expect(page.getByTestId('signed-in-role')).toHaveText('Reception');

  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Home' })).toBeVisible();
  for (const hidden of ['Staff', 'Settings', 'Audit log', 'Vault check']) {
    await expect(nav.getByRole('button', { name: hidden })).toHaveCount(0);
  }
  await expect(page.getByText('Add and remove staff, and reset their passwords')).toHaveCount(0);
  await snapshot(page, 'home-reception');

  // Going round the UI does not help: the app itself refuses.
  const result = await callFromPage(app, 'staff.list');
  expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const audit = await callFromPage(app, 'audit.list', { limit: 10 });
  expect(audit).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
