import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, snapshot, test } from './fixtures';

test('a damaged keyring shows a full-screen explanation and no sign-in form', async ({ vault, openApp }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah' });
  writeFileSync(join(vault.dir, 'keyring.json'), '{ this is not json');
  const { page } = await openApp();
  await expect(page.getByRole('heading', { name: 'The vault cannot be opened' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('The vault key file (keyring.json) is damaged');
  await expect(page.getByLabel('Password')).toHaveCount(0);
  await snapshot(page, 'startup-error');
});
