import { expect, openNav, OWNER_PASSWORD, signIn, snapshot, test } from './fixtures';
import { addClientViaUi } from './records';

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
});

test('an empty clinic says how to add the first client, and the form checks what is typed', async ({
  openApp,
}) => {
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await openNav(page, 'Clients');
  await expect(page.getByText('No clients yet. Add the first one with New client.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Find a client' })).toBeFocused();
  await snapshot(page, 'clients-empty');

  await page.getByRole('button', { name: 'New client' }).click();
  await expect(page.getByLabel('First name')).toBeFocused();
  await page.getByLabel('Last name').fill('Okafor');
  await page.getByLabel('Date of birth').fill('31/02/1990');
  await page.getByLabel('Postcode').fill('not a postcode');
  await page.getByLabel('Mobile').fill('12345');
  await page.getByRole('button', { name: 'Add client' }).click();
  await expect(page.getByText('Enter the first name.')).toBeVisible();
  await expect(page.getByText('Enter a real date, like 25/12/1990.')).toBeVisible();
  await expect(page.getByText('Enter a UK postcode, like SW1A 1AA.')).toBeVisible();
  await expect(page.getByText(/Enter a UK phone number/)).toBeVisible();
  await snapshot(page, 'client-new-errors');

  // A date of birth in the future is refused with the shared rule's message.
  await page.getByLabel('Date of birth').fill('01/01/2999');
  await page.getByRole('button', { name: 'Add client' }).click();
  await expect(page.getByText('The date of birth cannot be in the future.')).toBeVisible();
});

test('a client is found by part of their name, with the keyboard only', async ({ openApp }) => {
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);

  const longNote = `${'Prefers afternoon appointments and a quiet room. '.repeat(30)}Emoji 😊 and 中文 too.`;
  await addClientViaUi(page, {
    firstName: 'Zoë',
    lastName: 'Ó Briain',
    preferredName: 'Zo',
    dateOfBirth: '14/07/1988',
    mobile: '07700 900123',
    postcode: 'ls1 4ap',
    notes: longNote,
  });
  await expect(page.getByText('Zoë Ó Briain has been added.')).toBeVisible();
  await addClientViaUi(page, {
    firstName: 'ليلى',
    lastName: 'حداد',
    dateOfBirth: '02/11/1979',
    notes: 'تفضل المواعيد الصباحية. Prefers mornings.',
  });
  await addClientViaUi(page, { firstName: 'Zara', lastName: 'Ahmed', dateOfBirth: '09/09/1995' });
  await addClientViaUi(page, { firstName: 'Mei', lastName: '王', dateOfBirth: '30/01/2001' });

  // Anywhere in the app: Ctrl+K, type part of the name, arrow down, Enter.
  await openNav(page, 'Home');
  await page.keyboard.press('Control+K');
  const search = page.getByRole('combobox', { name: 'Find a client' });
  await expect(search).toBeFocused();
  await page.keyboard.type('zoe');
  const results = page.getByRole('listbox', { name: 'Clients' });
  await expect(results.getByRole('option').first()).toContainText('Zoë Ó Briain');
  await expect(results.getByRole('option', { name: /Zara Ahmed/ })).toHaveCount(0);
  await snapshot(page, 'clients-search');
  await page.keyboard.press('ArrowDown');
  await expect(results.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Zoë Ó Briain' })).toBeVisible();
  await expect(page.getByText('Known as Zo').first()).toBeVisible();
  await expect(page.getByText('Born 14/07/1988')).toBeVisible();
  await expect(page.getByText('LS1 4AP')).toBeVisible();
  // The long note is kept whole and wraps inside the page.
  const note = page.locator('.prose').filter({ hasText: 'Emoji 😊 and 中文 too.' });
  await expect(note).toBeVisible();
  const box = await note.boundingBox();
  expect(box!.width).toBeLessThan(1000);
  await snapshot(page, 'record-overview');

  // "/" also searches, when not typing in a box; Escape clears.
  await page.getByRole('tab', { name: 'History' }).click();
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  await page.keyboard.type('ليلى');
  await expect(results.getByRole('option').first()).toContainText('ليلى حداد');
  await snapshot(page, 'clients-search-arabic');
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { level: 1, name: 'ليلى حداد' });
  await expect(heading).toHaveAttribute('dir', 'auto');
  await expect(page.locator('.prose', { hasText: 'تفضل' })).toHaveAttribute('dir', 'auto');
  await snapshot(page, 'record-overview-arabic');

  // The empty box lists recently active clients.
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await expect(page.getByRole('heading', { name: 'Recently active clients' })).toBeVisible();
  await expect(results.getByRole('option')).toHaveCount(4);
  await snapshot(page, 'clients-recent');
});

test('details are corrected with a reason, and the history and disputes show it', async ({ openApp }) => {
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, {
    firstName: 'Grace',
    lastName: 'Adeyemi',
    dateOfBirth: '03/04/1985',
    mobile: '07700 900456',
  });

  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Mobile').fill('07700 900789');
  await page.getByLabel('Reason for change').fill('Client has a new phone');
  await snapshot(page, 'record-edit');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved 1 change.', { exact: false })).toBeVisible();
  await expect(page.getByText('07700 900789')).toBeVisible();

  await page.getByRole('tab', { name: 'History' }).click();
  const row = page.getByRole('table').getByRole('row', { name: /Mobile/ });
  await expect(row).toContainText('07700 900456');
  await expect(row).toContainText('07700 900789');
  await expect(row).toContainText('Client has a new phone');
  await expect(row).toContainText('Sarah Jones');
  await expect(row).toContainText(/\d{2}\/\d{2}\/\d{4}/);

  await page.getByRole('button', { name: 'Add dispute' }).click();
  await page.getByLabel('Part of the record').selectOption('identity');
  await page.getByLabel('What the client disputes').selectOption('occupation');
  await page.getByLabel('The client’s view').fill('Says she is a nurse, not a carer.');
  await page.getByRole('button', { name: 'Save dispute' }).click();
  await expect(page.getByText('The dispute has been noted on the record.')).toBeVisible();
  await expect(page.getByText('1 open dispute')).toBeVisible();
  await snapshot(page, 'record-history');

  await page.getByRole('button', { name: 'Resolve the dispute about Occupation' }).click();
  await expect(page.getByText('marked as resolved')).toBeVisible();
  await expect(page.getByText('1 open dispute')).toHaveCount(0);
});
