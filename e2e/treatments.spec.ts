import { expect, openNav, OWNER_PASSWORD, signIn, snapshot, test } from './fixtures';
import { addClientViaUi, ukDateYearsAgo } from './records';

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
});

test('a treatment with a batch is added, listed newest first, and found by a recall', async ({ openApp }) => {
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, {
    firstName: 'Hannah',
    lastName: 'Price',
    dateOfBirth: '21/05/1984',
    mobile: '07700 900321',
  });

  await page.getByRole('tab', { name: 'Treatments' }).click();
  await expect(page.getByText('No treatments recorded yet. Record one with Add treatment.')).toBeVisible();
  await page.getByRole('button', { name: 'Add treatment' }).click();

  // Injectables need product, batch and expiry.
  await page.getByLabel('Treatment', { exact: true }).selectOption({ label: 'Botulinum toxin' });
  await expect(page.getByText('Required for injectables, to trace a recall')).toBeVisible();
  await page.getByRole('button', { name: 'Save treatment' }).click();
  await expect(page.getByText('Enter the batch or lot number from the packaging.')).toBeVisible();
  await expect(page.getByText('Enter the product: it is needed to trace a recall.')).toBeVisible();
  // A new client's medical history was never reviewed: the review tick is required.
  await expect(page.getByTestId('review-tick')).toContainText('Review the medical history with the client');

  await page.getByLabel('Date of treatment').fill('02/03/2026');
  await page.getByLabel('Areas treated').fill('Forehead, Glabella');
  await page.getByLabel('Product').fill('Bocouture 50 units');
  await page.getByLabel('Batch / lot number').fill('BX-2291');
  await page.getByLabel('Expiry date').fill('08/2027');
  await page.getByLabel('Amount').fill('20');
  await page.getByLabel('Unit').selectOption('units');
  await page.getByLabel('Treatment notes').fill('Light dosing; client happy with plan.');
  await page.getByLabel('Aftercare given').fill('Stay upright for 4 hours. No exercise today.');
  await page.getByLabel('Follow-up date').fill('16/03/2026');
  await page.getByRole('checkbox', { name: 'I have reviewed the medical history today' }).check();
  await snapshot(page, 'treatment-add');
  await page.getByRole('button', { name: 'Save treatment' }).click();
  await expect(page.getByText('Botulinum toxin on 02/03/2026 has been added to the record.')).toBeVisible();

  // An older one, a chemical peel, goes below it.
  await page.getByRole('button', { name: 'Add treatment' }).click();
  await page.getByLabel('Date of treatment').fill('10/01/2026');
  await page.getByLabel('Treatment', { exact: true }).selectOption({ label: 'Chemical peel' });
  await page.getByLabel('Adverse event').fill('Mild redness for two days.');
  await page.getByRole('checkbox', { name: 'Reported to the MHRA Yellow Card scheme' }).check();
  await page.getByLabel('Yellow Card reference').fill('YC-123456');
  await page.getByRole('button', { name: 'Save treatment' }).click();
  await expect(page.getByText('Chemical peel on 10/01/2026 has been added to the record.')).toBeVisible();

  const list = page.getByRole('list', { name: 'Treatments, newest first' });
  const items = list.getByRole('article');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('02/03/2026');
  await expect(items.nth(0)).toContainText('Botulinum toxin');
  await expect(items.nth(0)).toContainText('BX-2291');
  await expect(items.nth(0)).toContainText('31/08/2027');
  await expect(items.nth(0)).toContainText('20 units');
  await expect(items.nth(0)).toContainText('By Sarah Jones');
  await expect(items.nth(1)).toContainText('Chemical peel');
  await expect(items.nth(1)).toContainText('Reported, reference YC-123456');
  await expect(page.getByText('Last visit 02/03/2026')).toBeVisible();
  await snapshot(page, 'treatments');

  // The batch is traced from Recall, whatever its spacing and case.
  await openNav(page, 'Recall');
  await page.getByLabel('Batch or lot number').fill('bx 2291');
  await page.getByRole('button', { name: 'Find clients' }).click();
  await expect(page.getByText('1 client received batch')).toBeVisible();
  const row = page.getByRole('table').getByRole('row', { name: /Hannah Price/ });
  await expect(row).toContainText('07700 900321');
  await expect(row).toContainText('02/03/2026');
  await expect(row).toContainText('21/05/1984');
  await snapshot(page, 'recall');
  await row.getByRole('button', { name: 'Hannah Price' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hannah Price' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Treatments' })).toHaveAttribute('aria-selected', 'true');
});

test('toxin for a 16-year-old is refused under the 2021 Act, and saved with a doctor’s approval', async ({
  openApp,
}) => {
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, { firstName: 'Kai', lastName: 'Turner', dateOfBirth: ukDateYearsAgo(16) });
  await expect(page.getByText('Under 18', { exact: true })).toBeVisible();

  await page.getByRole('tab', { name: 'Treatments' }).click();
  await page.getByRole('button', { name: 'Add treatment' }).click();
  await page.getByLabel('Treatment', { exact: true }).selectOption({ label: 'Botulinum toxin' });
  await page.getByLabel('Product').fill('Azzalure');
  await page.getByLabel('Batch / lot number').fill('AZ7781');
  await page.getByLabel('Expiry date').fill('12/2027');
  await page.getByRole('checkbox', { name: 'I have reviewed the medical history today' }).check();
  await page.getByRole('button', { name: 'Save treatment' }).click();

  const refusal = page.getByRole('alert').filter({ hasText: 'This treatment was not saved' });
  await expect(refusal).toContainText(
    'Botulinum toxin and dermal fillers must not be given to anyone under 18 (Botulinum Toxin and Cosmetic Fillers (Children) Act 2021).',
  );
  await snapshot(page, 'treatment-under-18');

  // Ctrl+K does not throw away a form that is being filled in: it asks first.
  await page.keyboard.press('Control+K');
  const discard = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
  await discard.getByRole('button', { name: 'Keep editing' }).click();
  await expect(discard).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Add treatment' })).toBeVisible();

  await refusal.getByRole('button', { name: 'Record a doctor’s approval' }).click();
  await expect(page.getByLabel('Doctor’s name')).toBeFocused();
  await page.getByLabel('Doctor’s name').fill('Dr Amelia Shaw');
  await page.getByLabel('GMC number').fill('12345');
  await page.getByRole('button', { name: 'Save treatment' }).click();
  await expect(page.getByText('GMC numbers are 7 digits.')).toBeVisible();
  await page.getByLabel('GMC number').fill('7654321');
  await page.getByRole('button', { name: 'Save treatment' }).click();
  // The approval follows the doctor's assessment: its date and reason are recorded too.
  await expect(page.getByText("Enter the doctor's reason.")).toBeVisible();
  await page.getByLabel('Date of the doctor’s assessment').fill(ukDateYearsAgo(0));
  await page.getByLabel('The doctor’s reason').fill('Congenital asymmetry affecting function.');
  await page.getByRole('button', { name: 'Save treatment' }).click();
  await expect(
    page.getByText(/Botulinum toxin on \d{2}\/\d{2}\/\d{4} has been added to the record\./),
  ).toBeVisible();
  const item = page.getByRole('list', { name: 'Treatments, newest first' }).getByRole('article');
  await expect(item).toContainText('Doctor’s approval');
  await expect(item).toContainText('Dr Amelia Shaw (GMC 7654321)');
  await expect(item).toContainText('Congenital asymmetry affecting function.');
});
