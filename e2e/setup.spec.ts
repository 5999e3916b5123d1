import { expect, OWNER_PASSWORD, snapshot, test } from './fixtures';

test('first-run set-up creates the clinic, shows the recovery key once and lands signed in', async ({
  page,
}) => {
  await expect(page.getByRole('heading', { name: 'Set up your clinic' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Clinic details' })).toBeVisible();

  // Step 1: clinic details. A missing name and a malformed postcode are refused inline.
  await page.getByLabel('Postcode').fill('not a postcode');
  await page.getByRole('button', { name: 'Next: owner account' }).click();
  await expect(page.getByText('Enter the clinic name.')).toBeVisible();
  await expect(page.getByText('Enter a UK postcode, like SW1A 1AA.')).toBeVisible();
  await expect(page.getByLabel('Clinic name')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Clinic name').fill('Harley Skin Studio');
  await page.getByLabel('Address').fill('12 Wimpole Street\nLondon');
  await page.getByLabel('Postcode').fill('w1g 9sr');
  await page.getByLabel('Phone').fill('020 7946 0000');
  await page.getByLabel('Email', { exact: true }).fill('hello@harleyskin.co.uk');
  await page.getByLabel('ICO registration number').fill('ZA123456');
  await page.getByLabel('Data protection contact').fill('Sarah Jones, owner');
  await page.getByRole('combobox', { name: 'Bank holidays' }).selectOption({ label: 'Scotland' });
  await snapshot(page, 'setup-1-clinic-details');
  await page.getByRole('button', { name: 'Next: owner account' }).click();

  // Step 2: the owner. A password under 12 characters is refused before anything is created.
  await expect(page.getByRole('heading', { name: 'Owner account' })).toBeVisible();
  await page.getByLabel('Your name').fill('Sarah Jones');
  await page.getByLabel('Username').fill('sarah');
  await page.getByLabel('Password', { exact: true }).fill('short pass');
  await page.getByLabel('Confirm password').fill('short pass');
  await page.getByRole('button', { name: 'Create the vault' }).click();
  await expect(page.getByText('Passwords must be at least 12 characters long.')).toBeVisible();
  await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await snapshot(page, 'setup-2-owner-short-password');

  await page.getByLabel('Password', { exact: true }).fill(OWNER_PASSWORD);
  await page.getByLabel('Confirm password').fill(`${OWNER_PASSWORD}!`);
  await page.getByRole('button', { name: 'Create the vault' }).click();
  await expect(page.getByText('The two passwords do not match.')).toBeVisible();

  await page.getByLabel('Confirm password').fill(OWNER_PASSWORD);
  await page.getByRole('button', { name: 'Create the vault' }).click();

  // Step 3: the recovery key, in eight groups of four, and Continue only once it is stored.
  await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeVisible();
  const key = page.getByTestId('recovery-key');
  await expect(key).toHaveText(/^[0-9A-Z]{4}( [0-9A-Z]{4}){7}$/);
  await expect(key.locator('.recovery-key__group')).toHaveCount(8);
  const continueButton = page.getByRole('button', { name: 'Continue' });
  await expect(continueButton).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  await snapshot(page, 'setup-3-recovery-key');

  // The printout shows only the key, the clinic's name and the date.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByText('Clinic Vault recovery key')).toBeVisible();
  await expect(page.getByText(/^Printed \d{2}\/\d{2}\/\d{4}$/)).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'I have stored it safely' })).toBeHidden();
  await expect(continueButton).toBeHidden();
  await snapshot(page, 'setup-3-recovery-key-print');
  await page.emulateMedia({ media: 'screen' });

  await page.getByRole('checkbox', { name: 'I have stored it safely' }).check();
  await expect(continueButton).toBeEnabled();
  await continueButton.click();

  // Signed in as the owner, in the app shell.
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Sarah' })).toBeVisible();
  await expect(page.getByTestId('clinic-name')).toHaveText('Harley Skin Studio');
  await expect(page.getByTestId('signed-in-name')).toHaveText('Sarah Jones');
  await expect(page.getByTestId('signed-in-role')).toHaveText('Owner');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const item of ['Home', 'Staff', 'Settings', 'Audit log', 'Vault check']) {
    await expect(nav.getByRole('button', { name: item, exact: true })).toBeVisible();
  }
  await snapshot(page, 'home-owner');

  // The details entered in set-up are what Settings shows.
  await nav.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Postcode')).toHaveValue('W1G 9SR');
  await expect(page.getByRole('combobox', { name: 'Bank holidays' })).toHaveValue('scotland');
  await expect(page.getByLabel('Address')).toHaveValue('12 Wimpole Street\nLondon');
});
