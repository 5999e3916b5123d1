import { join } from 'node:path';
import { addUnreadTable, flipByte, middleOfPage } from '../src-main/core/test-support/page-damage';
import { expect, openNav, OWNER_PASSWORD, signIn, test } from './fixtures';

test('the vault check names a damaged page the app never reads, and the owner is warned', async ({
  vault,
  openApp,
}) => {
  const { recoveryKey } = vault.init({
    clinicName: 'Bramble Aesthetics',
    owner: 'sarah',
    ownerName: 'Sarah Jones',
  });
  const damaged = await addUnreadTable(vault.dir, recoveryKey);
  flipByte(join(vault.dir, 'vault.db'), middleOfPage(damaged));

  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await openNav(page, 'Vault check');
  await page.getByRole('button', { name: 'Run vault check' }).click();
  await expect(page.getByText('Problems found')).toBeVisible();
  const database = page.getByRole('region', { name: 'Database' });
  await expect(database.getByText('1 of')).toBeVisible();
  await expect(database.getByText(`Page ${damaged}: damaged, part of unused_table`)).toBeVisible();
  await expect(
    database.getByText(/restore the whole vault folder from your most recent backup/),
  ).toBeVisible();

  // The sign-in quick check found it too: the owner sees the warning on every page.
  await openNav(page, 'Home');
  await expect(page.getByText('The vault database may be damaged')).toBeVisible();
  await expect(page.getByText(/found 1 damaged page\./)).toBeVisible();
});
