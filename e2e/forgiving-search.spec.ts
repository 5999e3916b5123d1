/**
 * Forgiving search at the client list (issue #10 item 9): the phone-call
 * queries reception types, each finding the client and saying why when it
 * was not the name as typed.
 */
import { expect, openNav, OWNER_PASSWORD, signIn, test } from './fixtures';
import { addClientViaUi } from './records';

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
});

test('a typo, the middle of a surname, a name with a year and a part of a date of birth all find the client', async ({ openApp }) => {
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, { firstName: 'Laura', lastName: 'Ó Briain', dateOfBirth: '12/06/1964' });
  await addClientViaUi(page, { firstName: 'Laura', lastName: 'Ó Briain', dateOfBirth: '30/09/1971' });
  await addClientViaUi(page, { firstName: 'Holly', lastName: 'Ashworth', dateOfBirth: '04/04/1985' });
  await addClientViaUi(page, { firstName: 'Jane', lastName: 'Smith', dateOfBirth: '01/01/1980' });

  await openNav(page, 'Clients');
  const search = page.getByRole('combobox', { name: 'Find a client' });
  const results = page.getByRole('listbox', { name: 'Clients' });
  const find = async (query: string) => {
    await search.fill(query);
    await expect(search).toHaveValue(query);
  };

  await find('smiht');
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.getByRole('option').first()).toContainText('Jane Smith');
  await expect(results.getByRole('option').first()).toContainText('Matched on a similar spelling');

  await find('worth');
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.getByRole('option').first()).toContainText('Holly Ashworth');
  await expect(results.getByRole('option').first()).toContainText('Matched on part of the name');

  // The year picks the right one of two clients with the same name.
  await find("laura o'briain 1964");
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.getByRole('option').first()).toContainText('12/06/1964');

  await find('06/1964');
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.getByRole('option').first()).toContainText('Laura Ó Briain');
  await expect(results.getByRole('option').first()).toContainText('Matched on date of birth');

  // Spaces and apostrophes do not matter; a near spelling comes after the exact ones.
  for (const query of ['obriain', 'o briain']) {
    await find(query);
    await expect(results.getByRole('option')).toHaveCount(2);
  }
  await find('brian');
  await expect(results.getByRole('option')).toHaveCount(2);
  await expect(results.getByRole('option').first()).toContainText('Matched on a similar spelling');

  // Enter opens the first hit, as for any search.
  await find('ashwroth');
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.getByRole('option').first()).toContainText('Holly Ashworth');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Holly Ashworth' })).toBeVisible();
});
