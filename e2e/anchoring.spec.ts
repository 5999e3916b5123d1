import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, OWNER_PASSWORD, signIn, snapshot, STAFF_PASSWORD, test } from './fixtures';

test('an older vault.db: reception is sent to the owner, the owner sees the warning and accepts it', async ({
  vault,
  openApp,
}) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  await vault.addStaff({ owner: 'sarah', username: 'rachel', displayName: 'Rachel Reed', role: 'reception' });
  const db = join(vault.dir, 'vault.db');
  const old = join(vault.dir, '..', 'old-vault.db');
  copyFileSync(db, old);
  // Used again after the copy was taken (each sign-in moves the generation on), then the copy is put back.
  await vault.addStaff({ owner: 'sarah', username: 'rita', displayName: 'Rita Reed', role: 'reception' });
  copyFileSync(old, db);

  const { page } = await openApp();
  await page.getByLabel('Username').fill('rachel');
  await page.getByLabel('Password', { exact: true }).fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(
    page.getByText('Ask the clinic owner to sign in and confirm it before anyone can use it.', {
      exact: false,
    }),
  ).toBeVisible();

  await signIn(page, 'sarah', OWNER_PASSWORD);
  const dialog = page.getByRole('dialog', { name: 'This database is older than the last one used' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('rollback-warning')).toHaveText(
    /^This database is older than the last one used on \d{2}\/\d{2}\/\d{4}: it may have been restored or replaced\. The owner must confirm it before anyone can use it\.$/,
  );
  await snapshot(page, 'rollback-dialog');
  // Focus is inside the dialog, on the safe choice; Escape does not dismiss it (it must be answered).
  await expect(dialog.getByRole('button', { name: 'Sign out' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Accept this database' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible();
});
