import { join } from 'node:path';
import { addUnreadTable, flipByte, middleOfPage } from '../src-main/core/test-support/page-damage';
import { ELECTRON, expect, openNav, OWNER_PASSWORD, signIn, test } from './fixtures';

test('the vault check names a damaged page the app never reads, and the owner is warned', async ({
  vault,
  openApp,
}) => {
  const { recoveryKey } = await vault.init({
    clinicName: 'Bramble Aesthetics',
    owner: 'sarah',
    ownerName: 'Sarah Jones',
  });
  const damaged = await addUnreadTable(vault.dir, recoveryKey);
  flipByte(join(vault.dir, 'vault.db'), middleOfPage(damaged));

  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await openNav(page, 'Vault check');
  // Already on the check's page, the quick check's warning asks for the check below instead of a button to it.
  await expect(
    page.getByText('Run the vault check below to see which, before adding more records.'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run the full vault check' })).toHaveCount(0);
  // In browser mode the check's request is held back until the running screen has been looked at.
  let release = () => {};
  const held = new Promise<void>((done) => (release = done));
  if (!ELECTRON) {
    await page.route('**/api/call', async (route) => {
      if ((route.request().postData() ?? '').includes('"vault.verify"')) await held;
      await route.continue();
    });
  }
  await page.getByRole('button', { name: 'Run vault check' }).click();
  if (!ELECTRON) {
    // One named progress bar while it runs (not two), and a way to stop.
    await expect(page.getByRole('progressbar')).toHaveCount(1);
    await expect(page.getByRole('progressbar', { name: 'Starting the check' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Stop check' })).toBeVisible();
  }
  release();
  await expect(page.getByText('Problems found')).toBeVisible();
  const database = page.getByRole('region', { name: 'Database' });
  await expect(database.getByText('1 of')).toBeVisible();
  await expect(
    database
      .getByRole('list', { name: 'Damaged pages' })
      .getByText(`Page ${damaged}: damaged, part of unused_table`),
  ).toBeVisible();
  await expect(
    database.getByText(/restore the whole vault folder from your most recent backup/),
  ).toBeVisible();

  // The sign-in quick check found it too: the owner sees the warning on every page.
  await openNav(page, 'Home');
  await expect(page.getByText('The vault database may be damaged')).toBeVisible();
  await expect(page.getByText(/found 1 damaged page\./)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run the full vault check' })).toBeVisible();
});
