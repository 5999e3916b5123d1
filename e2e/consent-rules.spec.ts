/**
 * Issue #11 items 2-5 at the desk: the soft opt-in refused after a withdrawal,
 * a paper form dated today asked for its time and then shown as not in force,
 * a consent without a notice marked "evidence incomplete" and left off the
 * list, and the catalogue asking the toxin/filler question of an injectable.
 */
import { expect, openNav, OWNER_PASSWORD, signIn, snapshot, test } from './fixtures';
import { addClientViaUi } from './records';
import { consentRow, exclusionCount, prepareList, publishNotice, recordConsent, withdraw } from './consent-helpers';

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
});

test('after a withdrawal the soft opt-in is refused, a same-day paper form asks for its time, and is shown not in force', async ({
  openApp,
}) => {
  const app = await openApp();
  const { page } = app;
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await publishNotice(app);
  await addClientViaUi(page, { firstName: 'Nora', lastName: 'Quinn', dateOfBirth: '03/03/1980', email: 'nora.quinn@example.co.uk' });
  await page.getByRole('tab', { name: 'Consent' }).click();

  // Pre-filled: the notice in force today and the purpose's standard wording.
  await page.getByRole('button', { name: 'Record consent', exact: true }).click();
  let form = page.getByRole('form', { name: 'Record consent' });
  await form.getByLabel('Purpose').selectOption({ label: 'Marketing by email' });
  await expect(form.getByLabel('Privacy notice version')).toHaveValue(/^pn_/);
  await expect(form.getByLabel('The exact wording shown or read to the client')).toHaveValue(/Bramble Aesthetics to email me/);
  await form.getByRole('button', { name: 'Save consent' }).click();
  await expect(form).toBeHidden();
  await withdraw(page, 'Marketing by email');

  // PECR reg 22(3): the soft opt-in cannot restart it.
  await page.getByRole('button', { name: 'Record consent', exact: true }).click();
  form = page.getByRole('form', { name: 'Record consent' });
  await form.getByLabel('Purpose').selectOption({ label: 'Marketing by email' });
  await form.getByRole('radio', { name: 'Soft opt-in' }).check();
  for (const c of await form.getByRole('group').getByRole('checkbox').all()) await c.check();
  await form.getByRole('button', { name: 'Save consent' }).click();
  await expect(form.getByText(/soft opt-in no longer applies \(PECR reg 22\(3\)\)/).first()).toBeVisible();
  await snapshot(page, 'consent-soft-opt-in-refused');

  // A paper form dated today, entered after today's withdrawal: the time is asked for, not guessed.
  await form.getByRole('radio', { name: 'Consent' }).check();
  await form.getByLabel('How the client told you').selectOption({ label: 'Paper form' });
  await form.getByRole('button', { name: 'Save consent' }).click();
  const time = form.getByLabel('Time');
  await expect(form.getByText(/Enter the time the client told you on .* so it is clear which came first\./).first()).toBeVisible();
  await snapshot(page, 'consent-time-asked');
  await time.fill('00:01');
  await form.getByRole('button', { name: 'Save consent' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText(/Marketing by email: given, recorded\. It is not in force: the client’s later answer \(withdrawn, /)).toBeVisible();
  await expect(consentRow(page, 'Marketing by email').getByText('Withdrawn', { exact: true })).toBeVisible();
});

test('a consent without a privacy notice is marked evidence incomplete and left off the list with its own reason', async ({
  openApp,
}) => {
  const app = await openApp();
  const { page } = app;
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, { firstName: 'Imogen', lastName: 'Reed', dateOfBirth: '04/04/1975', email: 'imogen.reed@example.co.uk' });
  await page.getByRole('tab', { name: 'Consent' }).click();
  // No notice is published: the form can only record "None recorded".
  await recordConsent(page, 'Marketing by email');
  await expect(consentRow(page, 'Marketing by email').getByText('Evidence incomplete')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Consent timeline, newest first' }).getByText('Evidence incomplete')).toBeVisible();

  await prepareList(page, 'Email');
  await expect(page.getByTestId('marketing-summary')).toHaveText('0 clients may be contacted by email today');
  await expect(exclusionCount(page, 'Consent evidence incomplete')).toHaveText('1');
  await snapshot(page, 'marketing-evidence-incomplete');
});

test('the catalogue asks every injectable whether it is a toxin or filler, and keeps the built-in answers', async ({ openApp }) => {
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await openNav(page, 'Settings');
  const catalogue = page.getByRole('region', { name: 'Treatment catalogue' });
  await expect(catalogue.getByRole('row', { name: /Skin booster/ })).toContainText('18+ only');

  await catalogue.getByRole('button', { name: 'Add treatment type' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add treatment type' });
  await dialog.getByLabel('Treatment name').fill('Lip flip toxin');
  await dialog.getByRole('checkbox', { name: /Injectable/ }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText(/Say whether this treatment contains botulinum toxin or is a dermal filler/).first()).toBeVisible();
  await snapshot(page, 'catalogue-toxin-question');
  await dialog.getByRole('radio', { name: /^Yes/ }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(catalogue.getByRole('row', { name: /Lip flip toxin/ })).toContainText('18+ only');

  await catalogue.getByRole('button', { name: 'Edit Skin booster' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Skin booster' });
  await expect(edit.getByRole('radio', { name: /^Yes/ })).toBeChecked();
  await expect(edit.getByRole('radio', { name: /^Yes/ })).toBeDisabled();
  await expect(edit.getByRole('checkbox', { name: /Injectable/ })).toBeDisabled();
});
