/**
 * Messages in view (issue #10, item 4, and item 10's "focus on the first field
 * in error"): at 1366x768, on long forms, every error and confirmation is
 * inside the window when it appears, an error takes the focus, and a
 * confirmation is a toast in a live region.
 */
import type { Page } from '@playwright/test';
import { expect, OWNER_PASSWORD, signIn, test } from './fixtures';
import { addClientViaUi } from './records';
import { recordConsent } from './consent-helpers';
import { expectNoAxeViolations, expectToastInView, inViewShot } from './in-view';

test.use({ viewport: { width: 1366, height: 768 } });

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
});

async function openNewClient(page: Page): Promise<void> {
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, {
    firstName: 'Hannah',
    lastName: 'Price',
    dateOfBirth: '21/05/1984',
    mobile: '07700 900321',
    email: 'hannah.price@example.co.uk',
  });
}

/** The focused element is the field, marked in error, and it and its own message are wholly inside the window. */
async function expectFocusedError(page: Page, label: string, message: string | RegExp): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toBeInViewport({ ratio: 1 });
  const error = field.locator('xpath=..').locator('.field__error');
  await expect(error).toContainText(message);
  await expect(error).toBeInViewport({ ratio: 1 });
}

test('Add treatment with an expired batch: the expiry field takes the focus with its message beside it', async ({
  page,
}) => {
  await openNewClient(page);
  await page.getByRole('tab', { name: 'Treatments' }).click();
  await page.getByRole('button', { name: 'Add treatment' }).click();
  await page.getByLabel('Treatment', { exact: true }).selectOption({ label: 'Botulinum toxin' });
  // A new client's history was never reviewed: ticked here, so the product is the first field in error.
  await page.getByRole('checkbox', { name: 'I have reviewed the medical history today' }).check();

  // Caught before sending: the first field in error, not the last one typed in.
  await page.getByLabel('Treatment notes').fill('Forehead lines, 20 units planned.');
  await page.getByRole('button', { name: 'Save treatment' }).click();
  await expectFocusedError(page, 'Product', 'Enter the product: it is needed to trace a recall.');

  // Refused by the app: the batch had expired before the treatment date.
  await page.getByLabel('Product').fill('Bocouture 50 units');
  await page.getByLabel('Batch / lot number').fill('BX-2291');
  await page.getByLabel('Expiry date').fill('01/2020');
  await page.getByLabel('Aftercare given').fill('Stay upright for 4 hours.');
  await page.getByRole('button', { name: 'Save treatment' }).click();
  await expectFocusedError(page, 'Expiry date', /This batch expired on 31\/01\/2020/);
  await inViewShot(page, 'in-view-expired-batch');
});

test('a saved consent is confirmed by a toast in the window, announced by the live region', async ({
  page,
}) => {
  await openNewClient(page);
  await page.getByRole('tab', { name: 'Consent' }).click();

  // A message under a group of tick boxes: the first box takes the focus, the message is in view.
  await page.getByRole('button', { name: 'Record consent', exact: true }).click();
  const form = page.getByRole('form', { name: 'Record consent' });
  await form.getByLabel('Purpose').selectOption({ label: 'Marketing by email' });
  await form.getByRole('radio', { name: 'Soft opt-in' }).check();
  await form.getByRole('button', { name: 'Save consent' }).click();
  await expect(form.getByText('The soft opt-in applies only when all three are true.')).toBeInViewport({
    ratio: 1,
  });
  await expect(
    form.getByRole('checkbox', { name: /Their details were collected during a sale/ }),
  ).toBeFocused();
  await form.getByRole('button', { name: 'Cancel' }).click();

  await recordConsent(page, 'Marketing by email');
  await expectToastInView(page, 'Marketing by email: given, recorded.');
  await inViewShot(page, 'toast-consent-saved');
  await expectNoAxeViolations(page, '.toast-region');
  // The toast can be dismissed at once.
  await page.getByRole('button', { name: 'Dismiss this message' }).click();
  await expect(page.getByTestId('toast')).toHaveCount(0);
});

test('a changed phone: a wrong number takes the focus, the saved one is confirmed in view', async ({
  page,
}) => {
  await openNewClient(page);
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Mobile').fill('0770');
  await page.getByLabel('Reason for change').fill('Client has a new phone');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const mobile = page.getByLabel('Mobile');
  await expect(mobile).toBeFocused();
  await expect(mobile).toHaveAttribute('aria-invalid', 'true');
  await expect(mobile).toBeInViewport({ ratio: 1 });

  await mobile.fill('07700 900789');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expectToastInView(page, /Saved 1 change\./);
  await expect(page.getByText('07700 900789')).toBeVisible();
});

test('a problem at the top of a long form is brought into view and focused', async ({ page }) => {
  await openNewClient(page);
  await page.getByRole('tab', { name: 'Medical' }).click();
  await page.getByRole('button', { name: 'Record medical history' }).click();
  // Save at the foot of the form with nothing changed: the answer is at its top.
  await page.getByRole('button', { name: 'Save medical history' }).click();
  const problem = page.getByRole('alert').filter({ hasText: 'Nothing has been changed yet.' });
  await expect(problem).toBeInViewport({ ratio: 1 });
  await expect(problem).toBeFocused();

  // A date in error is focused, and the save confirmed by a toast.
  await page.getByLabel('Allergies').fill('None known');
  await page.getByLabel('Last reviewed with the client').fill('31/02/2026');
  await page.getByRole('button', { name: 'Save medical history' }).click();
  await expectFocusedError(page, 'Last reviewed with the client', 'Enter a real date, like 25/12/2026.');
  await page.getByLabel('Last reviewed with the client').fill('');
  await page.getByRole('button', { name: 'Save medical history' }).click();
  await expectToastInView(page, 'Medical history saved.');
  // The form closed with the focus in it: the focus is at the start of the tab, not lost.
  await expect(page.getByRole('tabpanel')).toBeFocused();
});

test('a wrong password: the message is in view and the cursor stays in the password to type again', async ({
  page,
}) => {
  await page.getByLabel('Username').fill('sarah');
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByLabel('Password', { exact: true }).press('Enter');
  const problem = page.getByRole('alert');
  await expect(problem).toBeInViewport({ ratio: 1 });
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type(OWNER_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});
