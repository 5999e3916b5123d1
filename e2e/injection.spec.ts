import { expect, openNav, OWNER_PASSWORD, signIn, test } from './fixtures';
import { addClientViaUi } from './records';

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
});

// What staff type is data, never markup or SQL: it is stored and shown exactly as typed.
test('HTML and SQL typed into a record are shown literally, not run', async ({ openApp }) => {
  const { page } = await openApp();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, 'sarah', OWNER_PASSWORD);
  const html = '<img src=x onerror=alert(1)>';
  const sql = "Robert'); DROP TABLE clients;--";
  await addClientViaUi(page, {
    firstName: html,
    lastName: sql,
    dateOfBirth: '01/02/1990',
    notes: `<script>alert('x')</script> and <b>not bold</b>`,
  });
  await expect(page.getByRole('heading', { level: 1, name: `${html} ${sql}` })).toBeVisible();
  await expect(page.getByText("<script>alert('x')</script> and <b>not bold</b>")).toBeVisible();
  // Nothing was turned into elements: no injected image, script or bold text.
  await expect(page.locator('main img[src="x"]')).toHaveCount(0);
  await expect(page.locator('main b', { hasText: 'not bold' })).toHaveCount(0);

  // The clients table is still there: the client is found again by search.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('robert');
  await expect(page.getByRole('listbox', { name: 'Clients' }).getByRole('option').first()).toContainText(sql);
  expect(dialogs).toEqual([]);
});

// A right-to-left override (U+202E) pasted into a name would make "Ann‮eL" show as "AnnLe"; it is refused
// with the field's message, and nothing is saved (docs/text-hygiene.md).
test('a control or text-direction character in a name is refused with the field message', async ({
  openApp,
}) => {
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await openNav(page, 'Clients');
  await page.getByRole('button', { name: 'New client' }).click();
  await page.getByLabel('First name').fill('Ann\u202eeL');
  await page.getByLabel('Last name').fill('Lee\u001b[31m');
  await page.getByLabel('Date of birth').fill('01/02/1990');
  await page.getByRole('button', { name: 'Add client' }).click();
  await expect(page.getByLabel('First name')).toHaveAccessibleDescription(
    /The first name cannot contain control or text-direction characters: type it again rather than pasting it\./,
  );
  await expect(page.getByLabel('Last name')).toHaveAccessibleDescription(
    /The last name cannot contain control or text-direction characters: type it again rather than pasting it\./,
  );
  // The Add button is at the foot of a long form: the first marked field takes focus, so its message is in view.
  await expect(page.getByLabel('First name')).toBeFocused();
  await expect(page.getByRole('heading', { level: 1, name: 'New client' })).toBeVisible();
});
