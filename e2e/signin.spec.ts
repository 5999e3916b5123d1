import { expect, OWNER_PASSWORD, signIn, snapshot, test } from './fixtures';

test.describe('signing in', () => {
  test.beforeEach(async ({ vault }) => {
    await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  });

  test('sign in, switch user, and sign in again', async ({ openApp }) => {
    const { page } = await openApp();
    await expect(page.getByRole('heading', { level: 1, name: 'Bramble Aesthetics' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await snapshot(page, 'sign-in');

    await signIn(page, 'sarah', OWNER_PASSWORD);
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Sarah' })).toBeVisible();
    await expect(page.getByTestId('clinic-name')).toHaveText('Bramble Aesthetics');

    await page.getByRole('button', { name: 'Switch user' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByLabel('Username')).toHaveValue('');
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

    // Keyboard only: the username box has focus, Tab moves on, Enter signs in. Case does not matter.
    await expect(page.getByLabel('Username')).toBeFocused();
    await page.keyboard.type('SARAH');
    await page.keyboard.press('Tab');
    await page.keyboard.type(OWNER_PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('signed-in-name')).toHaveText('Sarah Jones');
  });

  test('a wrong password shows one generic message, and repeated failures are throttled', async ({
    openApp,
  }) => {
    const { page } = await openApp();
    const generic = 'That username and password do not match. Check them and try again.';
    const button = page.getByRole('button', { name: 'Sign in', exact: true });

    await page.getByLabel('Username').fill('sarah');
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await button.click();
    await expect(page.getByRole('alert')).toHaveText(generic);

    // An unknown username gets exactly the same message.
    await page.getByLabel('Username').fill('nobody');
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await button.click();
    await expect(page.getByRole('alert')).toHaveText(generic);
    await snapshot(page, 'sign-in-wrong-password');

    // Keep failing until the app asks us to wait.
    // The core words it as it sees fit; the UI adds the live countdown.
    const throttled = page.getByRole('alert').filter({ hasText: /Too many failed/ });
    const passwordBox = page.getByLabel('Password', { exact: true });
    for (let i = 0; i < 6 && !(await throttled.isVisible()); i++) {
      await page.getByLabel('Username').fill('sarah');
      await passwordBox.fill(`wrong guess ${i}`);
      await button.click();
      // A refused attempt clears the password box: the answer has arrived.
      await expect(passwordBox).toHaveValue('');
      await expect(page.getByRole('alert')).toBeVisible();
    }
    await expect(throttled).toBeVisible();
    await expect(page.getByText(/^You can try again in \d+ seconds?\.$/)).toBeVisible();
    await expect(button).toBeDisabled();
    await snapshot(page, 'sign-in-throttled');

    // When the countdown ends the button comes back, and the right password works.
    await expect(button).toBeEnabled({ timeout: 15_000 });
    await expect(throttled).toBeHidden();
    await signIn(page, 'sarah', OWNER_PASSWORD);
  });

  test('a wrong recovery key is refused', async ({ openApp }) => {
    const { page } = await openApp();
    await page.getByRole('button', { name: 'Forgot your password?' }).click();
    await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
    await page.getByLabel('Username').fill('sarah');
    await page.getByLabel('Recovery key').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH');
    await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
    await page.getByLabel('Confirm new password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Reset password and sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('That recovery key is not correct.');
    await snapshot(page, 'recover-password');
    await page.getByRole('button', { name: 'Back to sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });
});

test('the recovery key from set-up resets the owner password', async ({ vault, openApp }) => {
  const { recoveryKey } = await vault.init({
    clinicName: 'Bramble Aesthetics',
    owner: 'sarah',
    ownerName: 'Sarah Jones',
  });
  const { page } = await openApp();
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Username').fill('sarah');
  // Typed in lower case with spaces, as someone copying from paper might.
  await page.getByLabel('Recovery key').fill(recoveryKey.toLowerCase().replace(/-/g, ' '));
  await page.getByLabel('New password', { exact: true }).fill('short');
  await page.getByLabel('Confirm new password').fill('short');
  await page.getByRole('button', { name: 'Reset password and sign in' }).click();
  await expect(page.getByText('Passwords must be at least 12 characters long.')).toBeVisible();

  await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
  await page.getByLabel('Confirm new password').fill('a brand new passphrase');
  await page.getByRole('button', { name: 'Reset password and sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Sarah' })).toBeVisible();

  await page.getByRole('button', { name: 'Switch user' }).click();
  await signIn(page, 'sarah', 'a brand new passphrase');
});

test('the host token leaves the address bar, and a reload keeps the signed-in session', async ({
  vault,
  openApp,
}) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  const app = await openApp();
  const { page } = app;
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  if (app.mode === 'browser') await expect(page).not.toHaveURL(/token=/);
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Sarah' })).toBeVisible();
});
