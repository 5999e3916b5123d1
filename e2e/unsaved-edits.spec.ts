/**
 * Nothing typed is lost (issue #10, item 1): every way out of a changed form
 * asks "Keep editing / Discard", and a lock keeps the draft for the person who
 * typed it and nobody else.
 */
import type { Page } from '@playwright/test';
import { expect, OWNER_PASSWORD, signIn, STAFF_PASSWORD, test } from './fixtures';
import { expectNoAxeViolations, expectToastInView, inViewShot } from './in-view';
import { addClientViaUi } from './records';
import { openClient } from './consent-helpers';

test.use({ viewport: { width: 1366, height: 768 } });

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  await vault.addStaff({ owner: 'sarah', username: 'priya', displayName: 'Priya Shah', role: 'practitioner' });
});

const ALLERGY = 'Lidocaine: hives within the hour (2019)';

/** Opens a new client's medical history for editing and types an allergy, without saving. */
async function startMedicalHistory(page: Page): Promise<void> {
  await addClientViaUi(page, { firstName: 'Beatriz', lastName: 'Costa', dateOfBirth: '17/02/1987' });
  await page.getByRole('tab', { name: 'Medical' }).click();
  await page.getByRole('button', { name: 'Record medical history' }).click();
  await page.getByLabel('Allergies').fill(ALLERGY);
}

function discardDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Discard unsaved changes?' });
}

/** The guard asked; Keep editing leaves the form as it was, with the focus back in it. */
async function keepEditing(page: Page, how: 'click' | 'Escape'): Promise<void> {
  const dialog = discardDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  if (how === 'click') await dialog.getByRole('button', { name: 'Keep editing' }).click();
  else await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Edit medical history' })).toBeVisible();
  await expect(page.getByLabel('Allergies')).toHaveValue(ALLERGY);
  await expect(page.getByLabel('Allergies')).toBeFocused();
}

test('a half-typed medical history survives a record tab, the sidebar, the back link and search', async ({
  page,
}) => {
  // Five ways out, each asked and answered, plus an axe pass: more steps than most tests.
  test.slow();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await startMedicalHistory(page);

  await page.getByRole('tab', { name: 'Treatments' }).click();
  await inViewShot(page, 'discard-dialog');
  await expectNoAxeViolations(page, 'dialog');
  await keepEditing(page, 'click');
  await expect(page.getByRole('tab', { name: 'Medical' })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Staff' }).click();
  await keepEditing(page, 'Escape');

  await page.getByRole('button', { name: 'All clients' }).click();
  await keepEditing(page, 'click');

  await page.keyboard.press('Control+K');
  await keepEditing(page, 'click');

  // Discard means it: the tab changes and the draft is gone.
  await page.getByRole('tab', { name: 'Lifestyle' }).click();
  await discardDialog(page).getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByRole('tab', { name: 'Lifestyle' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Medical' }).click();
  await expect(page.getByRole('button', { name: 'Record medical history' })).toBeVisible();
  await expect(page.getByText(ALLERGY)).toHaveCount(0);

  // An untouched form, or none, lets every way out go at once.
  await page.getByRole('button', { name: 'Record medical history' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Staff' }).click();
  await expect(discardDialog(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toBeVisible();
});

test('Switch user asks first, and Discard signs out', async ({ page }) => {
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await startMedicalHistory(page);
  await page.getByRole('button', { name: 'Switch user' }).click();
  const dialog = discardDialog(page);
  await expect(dialog).toContainText('Switch user signs you out');
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(page.getByLabel('Allergies')).toHaveValue(ALLERGY);

  await page.getByRole('button', { name: 'Switch user' }).click();
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveValue('');
  // Signing in again is a fresh start: the draft went with Discard.
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await expect(page.getByLabel('Allergies')).toHaveCount(0);
});

test('closing the window with unsaved changes asks first', async ({ page }) => {
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await startMedicalHistory(page);
  const asked: string[] = [];
  page.on('dialog', (d) => {
    asked.push(d.type());
    // The first time the person stays; the second time they discard and close.
    void (asked.length === 1 ? d.dismiss() : d.accept());
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);
  await expect(page.getByLabel('Allergies')).toHaveValue(ALLERGY);

  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);
  expect(asked).toEqual(['beforeunload', 'beforeunload']);
});

test('closing the window with nothing unsaved does not ask', async ({ page }) => {
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, { firstName: 'Beatriz', lastName: 'Costa', dateOfBirth: '17/02/1987' });
  const asked: string[] = [];
  page.on('dialog', (d) => {
    asked.push(d.type());
    void d.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);
  expect(asked).toEqual([]);
});

test('auto-lock keeps the draft, and the same person gets it back after signing in', async ({ openApp }) => {
  const { page } = await openApp({ clock: true });
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await startMedicalHistory(page);
  await page.getByLabel('Reason for change').fill('First consultation');

  await page.clock.fastForward('05:30');
  await page.clock.runFor(2_000);
  await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  // Nothing of the record behind the lock screen, only whose changes are kept.
  await expect(page.getByText(ALLERGY)).toHaveCount(0);
  await expect(page.getByLabel('Allergies')).toHaveCount(0);
  await expect(page.getByTestId('kept-changes')).toContainText('Unsaved changes are kept for Sarah Jones');
  // No toast either: one could name a client.
  await expect(page.getByTestId('toast')).toHaveCount(0);

  await page.getByLabel('Password', { exact: true }).fill(OWNER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Edit medical history' })).toBeVisible();
  await expect(page.getByLabel('Allergies')).toHaveValue(ALLERGY);
  await expect(page.getByLabel('Reason for change')).toHaveValue('First consultation');
  await expectToastInView(page, 'Your unsaved changes are back');

  // It is still guarded, and it saves.
  await page.getByRole('tab', { name: 'Overview' }).click();
  await discardDialog(page).getByRole('button', { name: 'Keep editing' }).click();
  await page.getByRole('button', { name: 'Save medical history' }).click();
  await expectToastInView(page, 'Medical history saved.');
  await expect(page.getByRole('status').filter({ hasText: 'Allergies' })).toContainText(ALLERGY);
});

test('someone else signing in at the lock screen never sees the draft, and it is gone for good', async ({
  page,
}) => {
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await startMedicalHistory(page);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByTestId('kept-changes')).toContainText('Sarah Jones');

  // Priya types her own name over Sarah's on the lock screen, and opens the same record's medical tab.
  await signIn(page, 'priya', STAFF_PASSWORD);
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible();
  await openClient(page, 'Beatriz Costa', 'Medical');
  await expect(page.getByRole('button', { name: 'Record medical history' })).toBeVisible();
  await expect(page.getByLabel('Allergies')).toHaveCount(0);
  await expect(page.getByText(ALLERGY)).toHaveCount(0);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();

  // Sarah, back after Priya: the draft went when Priya signed in.
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await openClient(page, 'Beatriz Costa', 'Medical');
  await expect(page.getByRole('button', { name: 'Record medical history' })).toBeVisible();
  await expect(page.getByLabel('Allergies')).toHaveCount(0);
});

test('Switch user on the lock screen warns the person who locked, then discards their draft', async ({
  page,
}) => {
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await startMedicalHistory(page);
  await expect(page.getByTestId('toast')).toContainText('Beatriz Costa has been added.');
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  // The lock screen shows nothing of the app: not even the toast that named the client.
  await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  await expect(page.getByTestId('toast')).toHaveCount(0);

  await page.getByRole('button', { name: 'Switch user' }).click();
  const warning = page.getByRole('dialog', { name: 'Discard Sarah Jones’s unsaved changes?' });
  await expect(warning).toContainText('only Sarah Jones signing in again gets them back');
  await expect(warning.getByRole('button', { name: 'Keep them' })).toBeFocused();
  await expectNoAxeViolations(page, 'dialog');
  await inViewShot(page, 'lock-switch-user-warning');
  await warning.getByRole('button', { name: 'Keep them' }).click();
  await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveValue('sarah');

  await page.getByRole('button', { name: 'Switch user' }).click();
  await warning.getByRole('button', { name: 'Discard and switch user' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('kept-changes')).toHaveCount(0);

  await signIn(page, 'priya', STAFF_PASSWORD);
  await expect(page.getByLabel('Allergies')).toHaveCount(0);
  await page.getByRole('button', { name: 'Switch user' }).click();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await expect(page.getByLabel('Allergies')).toHaveCount(0);
});

test('a new client half typed: the back link asks, and a lock keeps it (closing the window asks while locked)', async ({
  page,
}) => {
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'New client' }).click();
  await page.getByLabel('First name').fill('Laura');
  await page.getByLabel('Last name').fill('Ó Briain');

  await page.getByRole('button', { name: 'All clients' }).click();
  await discardDialog(page).getByRole('button', { name: 'Keep editing' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New client' })).toBeVisible();

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByTestId('kept-changes')).toContainText('Sarah Jones');
  // The draft behind the lock screen is unsaved work too: closing the window asks.
  const asked: string[] = [];
  page.on('dialog', (d) => {
    asked.push(d.type());
    void d.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toEqual(['beforeunload']);

  await page.getByLabel('Password', { exact: true }).fill(OWNER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New client' })).toBeVisible();
  await expect(page.getByLabel('First name')).toHaveValue('Laura');
  await expect(page.getByLabel('Last name')).toHaveValue('Ó Briain');
  await page.getByLabel('Date of birth').fill('14/06/1964');
  await page.getByRole('button', { name: 'Add client' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Laura Ó Briain' })).toBeVisible();
  await expectToastInView(page, 'Laura Ó Briain has been added.');
});

test('Settings: a changed clinic detail asks before leaving; once saved, leaving does not ask', async ({
  page,
}) => {
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Clinic name').fill('Bramble Aesthetics & Skin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Home' }).click();
  await discardDialog(page).getByRole('button', { name: 'Keep editing' }).click();
  await expect(page.getByLabel('Clinic name')).toHaveValue('Bramble Aesthetics & Skin');

  await page.getByRole('button', { name: 'Save settings' }).click();
  await expectToastInView(page, 'Settings saved.');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Home' }).click();
  await expect(discardDialog(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible();
});

test('a consent half recorded is kept across a lock and saved after', async ({ page }) => {
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, {
    firstName: 'Ruth',
    lastName: 'Ellis',
    dateOfBirth: '01/06/1970',
    mobile: '07700 900123',
  });
  await page.getByRole('tab', { name: 'Consent' }).click();
  await page.getByRole('button', { name: 'Record consent', exact: true }).click();
  const form = page.getByRole('form', { name: 'Record consent' });
  await form.getByLabel('Purpose').selectOption({ label: 'Marketing by SMS' });
  await form.getByLabel('How the client told you').selectOption({ label: 'By phone' });
  await form.getByLabel('Note', { exact: true }).fill('Asked for offers by text only');

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByTestId('kept-changes')).toContainText('Sarah Jones');
  await page.getByLabel('Password', { exact: true }).fill(OWNER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  await expect(form).toBeVisible();
  await expect(form.getByLabel('Purpose')).toHaveValue(/sms/);
  await expect(form.getByLabel('How the client told you')).toHaveValue('phone');
  await expect(form.getByLabel('Note', { exact: true })).toHaveValue('Asked for offers by text only');
  await form.getByRole('button', { name: 'Save consent' }).click();
  await expectToastInView(page, 'Marketing by SMS: given, recorded.');
});
