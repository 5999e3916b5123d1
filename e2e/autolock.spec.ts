import { callFromPage, expect, OWNER_PASSWORD, signIn, snapshot, test } from './fixtures';

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
});

test('the screen locks itself after the idle period, and unlocks with the password', async ({ openApp }) => {
  const app = await openApp({ clock: true });
  const { page } = app;
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Staff' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toBeVisible();

  // Four minutes idle: still open (the default is five).
  await page.clock.fastForward('04:00');
  await page.clock.runFor(2_000);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

  // Past five minutes: the lock screen, with the username kept and nothing of the app behind it.
  await page.clock.fastForward('01:30');
  await page.clock.runFor(2_000);
  await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveValue('sarah');
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(page.getByRole('table')).toHaveCount(0);
  await snapshot(page, 'lock-screen');
  // The vault itself is locked, not just the screen.
  expect(await callFromPage(app, 'staff.list')).toMatchObject({
    ok: false,
    error: { code: 'NOT_SIGNED_IN' },
  });

  // Signing in again returns to where they were.
  await page.getByLabel('Password', { exact: true }).fill(OWNER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toBeVisible();
});

test('activity keeps the screen open', async ({ openApp }) => {
  const { page } = await openApp({ clock: true });
  await signIn(page, 'sarah', OWNER_PASSWORD);
  for (let i = 0; i < 3; i++) {
    await page.clock.fastForward('03:00');
    await page.mouse.move(100 + i * 10, 200);
    await page.keyboard.press('Shift');
    await page.clock.runFor(2_000);
  }
  // Nine minutes in all, but never five without activity.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('Lock locks at once; Switch user on the lock screen clears the username', async ({ openApp }) => {
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveValue('sarah');

  await page.getByRole('button', { name: 'Switch user' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveValue('');
  await signIn(page, 'sarah', OWNER_PASSWORD);
});
