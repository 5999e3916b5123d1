/**
 * Duplicate clients (issue #10 item 2, docs/duplicates.md): the New client
 * form stops a second registration of someone on file and shows who, and a
 * practitioner or the owner merges two records of the same person.
 */
import { mkdirSync } from 'node:fs';
import { expect, openNav, OWNER_PASSWORD, signIn, test } from './fixtures';
import { addClientViaUi } from './records';

// Screenshots for review, kept with the others (e2e-artifacts/ is not committed).
const SHOTS = 'e2e-artifacts';
const LAURA = { firstName: 'Laura', lastName: 'Ó Briain', dateOfBirth: '02/06/1964', mobile: '07700 900461', email: 'laura.obriain@example.com', postcode: 'BS8 1TH' };

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
});

/** Types the duplicate: the accent dropped, same date of birth and mobile. */
async function typeLauraAgain(page: import('@playwright/test').Page) {
  await openNav(page, 'Clients');
  await page.getByRole('button', { name: 'New client' }).click();
  await page.getByLabel('First name').fill('Laura');
  await page.getByLabel('Last name').fill('O Briain');
  await page.getByLabel('Date of birth').fill('02/06/1964');
  await page.getByLabel('Mobile').fill('07700900461');
}

test('New client shows the possible duplicate before saving, in view, and opens that record', async ({ openApp }) => {
  const { page } = await openApp();
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, LAURA);

  await typeLauraAgain(page);
  await page.getByRole('button', { name: 'Add client' }).click();
  const prompt = page.getByRole('region', { name: 'Is this someone already on file?' });
  await expect(prompt).toBeVisible();
  // The message says where to look without saying above or below (it sits above the prompt).
  await expect(page.getByText('Not added yet: first look at the possible match under “Is this someone already on file?”.')).toBeVisible();
  await expect(prompt).toContainText('Laura Ó Briain');
  await expect(prompt).toContainText('Born 02/06/1964');
  await expect(prompt).toContainText('Matches on: same date of birth and a similar name, same mobile number');
  // Where the person is looking: the heading has focus and is inside the 1366×768 window.
  await expect(page.getByRole('heading', { name: 'Is this someone already on file?' })).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Is this someone already on file?' })).toBeInViewport();
  // Nothing was added.
  await expect(page.getByRole('heading', { level: 1, name: 'New client' })).toBeVisible();
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/duplicate-prompt.png`, animations: 'disabled' });

  await prompt.getByRole('button', { name: 'Open that record' }).click();
  // What was typed is not thrown away without a word (the unsaved-edit guard): the person confirms.
  await page.getByRole('dialog', { name: 'Discard unsaved changes?' }).getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Laura Ó Briain' })).toBeVisible();

  await openNav(page, 'Clients');
  await page.getByRole('combobox', { name: 'Find a client' }).fill('02/06/1964');
  await expect(page.getByRole('option')).toHaveCount(1);
});

test('"This is a different person" adds the record; a merge then brings the two together', async ({ openApp }) => {
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, LAURA);

  await typeLauraAgain(page);
  const prompt = page.getByRole('region', { name: 'Is this someone already on file?' });
  // Shown as soon as the facts are typed, before Add client.
  await expect(prompt).toBeVisible();
  await prompt.getByRole('button', { name: 'This is a different person' }).click();
  await expect(prompt).toBeHidden();
  await page.getByRole('button', { name: 'Add client' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Laura O Briain' })).toBeVisible();

  // On the second record: merge the first into it, taking its name and email.
  await page.getByRole('button', { name: 'Merge a duplicate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge a duplicate record into this one' });
  await dialog.getByRole('searchbox', { name: 'Search for the other record' }).fill('briain');
  await dialog.getByRole('button', { name: 'Compare with this record' }).click();
  await expect(dialog.getByText('Moves to this record:')).toBeVisible();
  await dialog.getByRole('radio', { name: 'Last name: the other record' }).check();
  await expect(dialog.getByRole('radio', { name: 'Email: the other record' })).toBeChecked(); // this record has none
  await dialog.getByRole('button', { name: 'Merge records' }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByText('The duplicate record was merged into this one.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Laura Ó Briain' })).toBeVisible();
  await expect(page.getByText('laura.obriain@example.com')).toBeVisible();

  // One record left to find.
  await openNav(page, 'Clients');
  await page.getByRole('combobox', { name: 'Find a client' }).fill('briain');
  await expect(page.getByRole('option')).toHaveCount(1);

  // The merge is in the audit log.
  await openNav(page, 'Audit log');
  await expect(page.getByText(/client\.merged|Merged/).first()).toBeVisible();
});

test('editing a client into a likely duplicate asks first, then saves once confirmed', async ({ openApp }) => {
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, LAURA);
  await addClientViaUi(page, { firstName: 'Pat', lastName: 'Quinn', dateOfBirth: '11/11/1980', mobile: '07700 900777' });

  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Mobile').fill('07700 900461');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const prompt = page.getByRole('region', { name: 'Is this someone already on file?' });
  await expect(prompt).toContainText('Laura Ó Briain');
  await expect(prompt.getByRole('button', { name: 'Open that record' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Is this someone already on file?' })).toBeFocused();

  await prompt.getByRole('button', { name: 'This is a different person' }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved 1 change.')).toBeVisible();
  await expect(page.getByText('07700 900461')).toBeVisible();
});
