import { expect, openNav, OWNER_PASSWORD, signIn, snapshot, test } from './fixtures';

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
});

test('the owner adds a member of staff, resets their password and removes them', async ({ openApp }) => {
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await openNav(page, 'Staff');

  const table = page.getByRole('table');
  await expect(table.getByRole('row', { name: /Sarah Jones/ })).toContainText('Owner');
  await expect(table.getByRole('row', { name: /Sarah Jones/ })).toContainText(/\d{2}\/\d{2}\/\d{4}/);

  await page.getByRole('button', { name: 'Add staff member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add staff member' });
  await dialog.getByLabel('Full name').fill('Priya Shah');
  await dialog.getByLabel('Username').fill('priya');
  await dialog.getByLabel('Role').selectOption('practitioner');
  await dialog.getByLabel('Initial password', { exact: true }).fill('too short');
  await dialog.getByLabel('Confirm initial password').fill('too short');
  await dialog.getByRole('button', { name: 'Add staff member' }).click();
  await expect(dialog.getByText('Passwords must be at least 12 characters long.')).toBeVisible();
  await dialog.getByLabel('Initial password', { exact: true }).fill('practitioner pass 1');
  await dialog.getByLabel('Confirm initial password').fill('practitioner pass 1');
  await snapshot(page, 'staff-add-dialog');
  await dialog.getByRole('button', { name: 'Add staff member' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Priya Shah can now sign in with the username priya.')).toBeVisible();
  const priya = table.getByRole('row', { name: /Priya Shah/ });
  await expect(priya).toContainText('Practitioner');
  await snapshot(page, 'staff');

  await priya.getByRole('button', { name: 'Reset password for Priya Shah' }).click();
  const reset = page.getByRole('dialog', { name: 'Reset password for Priya Shah' });
  await reset.getByLabel('New password', { exact: true }).fill('a fresh password 22');
  await reset.getByLabel('Confirm new password').fill('a fresh password 22');
  await reset.getByRole('button', { name: 'Reset password' }).click();
  await expect(page.getByText("Priya Shah's password has been reset.", { exact: false })).toBeVisible();

  await priya.getByRole('button', { name: 'Remove Priya Shah' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove Priya Shah?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(priya).toBeVisible();
  await priya.getByRole('button', { name: 'Remove Priya Shah' }).click();
  // Changing the database key is offered, ticked, so a copy she may have taken stops opening it.
  await expect(confirm.getByRole('checkbox', { name: /Also change the database key/ })).toBeChecked();
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(
    page.getByText(
      'Priya Shah has been removed and can no longer sign in. The database is now encrypted under a new key.',
    ),
  ).toBeVisible();
  await expect(priya).toHaveCount(0);

  // The key can be changed again on its own (after a removal whose key change was stopped, say).
  await page.getByRole('button', { name: 'Change the database key' }).click();
  const change = page.getByRole('dialog', { name: 'Change the database key?' });
  await change.getByRole('button', { name: 'Change the key' }).click();
  await expect(change).toBeHidden();
  await expect(page.getByText('The database is now encrypted under a new key. Everyone signs in as before.')).toBeVisible();

  // The removed member can no longer sign in, with the new or the old password.
  await page.getByRole('button', { name: 'Switch user' }).click();
  await page.getByLabel('Username').fill('priya');
  await page.getByLabel('Password', { exact: true }).fill('a fresh password 22');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'That username and password do not match. Check them and try again.',
  );
});

test('the owner changes the clinic details and the auto-lock time in Settings', async ({ openApp }) => {
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await openNav(page, 'Settings');

  await page.getByLabel('Lock the screen after this many idle minutes').fill('90');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Enter a whole number of minutes from 1 to 60.')).toBeVisible();
  await page.getByLabel('Lock the screen after this many idle minutes').fill('15');
  await page.getByLabel('Phone').fill('12345');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText(/^Enter a UK phone number, like .+\.$/)).toBeVisible();

  await page.getByLabel('Phone').fill('0161 496 0000');
  await page.getByLabel('Clinic name').fill('Bramble Aesthetics Manchester');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expect(page.getByTestId('clinic-name')).toHaveText('Bramble Aesthetics Manchester');
  await snapshot(page, 'settings');

  await openNav(page, 'Home');
  await expect(page.getByText('The screen locks after 15 minutes without use.')).toBeVisible();
  // The sign-in screen shows the new name too.
  await page.getByRole('button', { name: 'Switch user' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bramble Aesthetics Manchester' })).toBeVisible();
});

test('the owner runs a vault check and changes their own password', async ({ openApp }) => {
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await openNav(page, 'Vault check');
  await page.getByRole('button', { name: 'Run vault check' }).click();
  await expect(page.getByText('No problems found')).toBeVisible();
  await expect(page.getByText(/^All \d+ entries intact$/)).toBeVisible();
  await expect(page.getByText(/^All \d+ pages intact, structure sound$/)).toBeVisible();
  await expect(page.getByText('No files stored yet')).toBeVisible();
  await snapshot(page, 'vault-check');

  await page.getByRole('button', { name: 'Change my password' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change my password' });
  await dialog.getByLabel('Current password').fill('not my password');
  await dialog.getByLabel('New password', { exact: true }).fill('an even better passphrase');
  await dialog.getByLabel('Confirm new password').fill('an even better passphrase');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await snapshot(page, 'change-password-wrong-current');
  await dialog.getByLabel('Current password').fill(OWNER_PASSWORD);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dialog.getByText('Your password has been changed.', { exact: false })).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: 'Switch user' }).click();
  await signIn(page, 'sarah', 'an even better passphrase');
});
