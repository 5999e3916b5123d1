import { expect, openNav, OWNER_PASSWORD, signIn, STAFF_PASSWORD, test } from './fixtures';
import { addClientViaUi } from './records';

/**
 * The clinic setting "Reception sees how many treatments and photos each
 * client has, and their last visit date": on by default, saved from Settings,
 * and when off a receptionist's record page shows no visit summary (the core
 * leaves it out; src-main/core/clients/visit-summary.ts).
 */
test('the owner turns off the visit summary for reception; it stays off and reception no longer sees it', async ({
  vault,
  openApp,
}) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  await vault.addStaff({ owner: 'sarah', username: 'rita', displayName: 'Rita Patel', role: 'reception' });
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, { firstName: 'Grace', lastName: 'Adeyemi', dateOfBirth: '03/04/1985' });
  await expect(page.getByText('No visits yet')).toHaveCount(2); // header line and the Visits card

  await openNav(page, 'Settings');
  const toggle = page.getByRole('checkbox', {
    name: 'Reception sees how many treatments and photos each client has, and their last visit date',
  });
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();

  // Saved in the vault, not just on screen: a fresh visit to Settings reads it back.
  await openNav(page, 'Home');
  await openNav(page, 'Settings');
  await expect(toggle).not.toBeChecked();

  await page.getByRole('button', { name: 'Switch user' }).click();
  await signIn(page, 'rita', STAFF_PASSWORD);
  await openNav(page, 'Clients');
  await page
    .getByRole('listbox', { name: 'Clients' })
    .getByRole('option', { name: /Grace Adeyemi/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Grace Adeyemi' })).toBeVisible();
  await expect(page.getByText('No visits yet')).toHaveCount(0);
  await expect(page.getByText('Treatments', { exact: true })).toHaveCount(0);
  await expect(page.getByText('Client since')).toBeVisible();
});
