/**
 * One-step withdraw (issue #10, item 8): the dialog opens with Withdraw
 * focused, Enter confirms, and the method is the one last used at this desk.
 */
import { expect, OWNER_PASSWORD, signIn, test } from './fixtures';
import { addClientViaUi } from './records';
import { consentRow, recordConsent } from './consent-helpers';
import { expectToastInView } from './in-view';

test.use({ viewport: { width: 1366, height: 768 } });

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
});

test('withdrawing is open and Enter, with the method this desk used last', async ({ page }) => {
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, {
    firstName: 'Ruth',
    lastName: 'Ellis',
    dateOfBirth: '01/06/1970',
    email: 'ruth.ellis@example.co.uk',
    mobile: '07700 900123',
  });
  await page.getByRole('tab', { name: 'Consent' }).click();
  await recordConsent(page, 'Marketing by email');
  await recordConsent(page, 'Marketing by SMS');

  // The first withdrawal at this desk: "in person" is offered, Withdraw has the focus.
  await page.getByRole('button', { name: 'Withdraw Marketing by email', exact: true }).click();
  const first = page.getByRole('dialog', { name: 'Withdraw: Marketing by email' });
  const method = first.getByLabel('How did the client tell you?');
  await expect(method).toHaveValue('in-person');
  await expect(first.getByRole('button', { name: 'Withdraw', exact: true })).toBeFocused();
  // This client rang: the person changes the method, then confirms with Enter on Withdraw.
  await method.selectOption({ label: 'By phone' });
  await first.getByRole('button', { name: 'Withdraw', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(first).toBeHidden();
  await expectToastInView(page, 'Marketing by email: withdrawn. It stops from now on.');
  await expect(consentRow(page, 'Marketing by email').getByText('Withdrawn', { exact: true })).toBeVisible();

  // The next one is a single key: the dialog opens on Phone with Withdraw focused.
  await page.getByRole('button', { name: 'Withdraw Marketing by SMS', exact: true }).click();
  const second = page.getByRole('dialog', { name: 'Withdraw: Marketing by SMS' });
  await expect(second.getByLabel('How did the client tell you?')).toHaveValue('phone');
  await expect(second.getByRole('button', { name: 'Withdraw', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(second).toBeHidden();
  await expect(consentRow(page, 'Marketing by SMS').getByText('Withdrawn', { exact: true })).toBeVisible();
  const timeline = page.getByRole('list', { name: 'Consent timeline, newest first' });
  await expect(timeline.getByRole('listitem').first()).toContainText('Marketing by SMS');
  await expect(timeline.getByRole('listitem').first()).toContainText('By phone');

  // It is this desk's habit, kept in this browser profile (no client in it).
  expect(await page.evaluate(() => localStorage.getItem('clinic-vault.withdraw-method'))).toBe('phone');
});
