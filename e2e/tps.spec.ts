/**
 * TPS screening per number and channel-true lists, through the window: a
 * mobile typed "+44 (0)7700 900123" is stored once and shown the UK way; the
 * telephone list leaves it out until it is screened on the Consent tab, lists
 * it after, and leaves it out again as "not screened" once the mobile is
 * changed. The Messenger list holds the handle, never the email or mobile.
 */
import { expect, OWNER_PASSWORD, signIn, test } from './fixtures';
import { addClientViaUi } from './records';
import { downloadCsv, exclusionCount, openClient, prepareList, publishNotice } from './consent-helpers';

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
});

const today = () => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London' }).format(new Date());

test('a number is called only once screened, and not after it changes; Messenger lists the handle only', async ({ openApp }) => {
  const app = await openApp();
  const { page } = app;
  await signIn(page, 'sarah', OWNER_PASSWORD);
  // The consents rest on a notice: without one they are "evidence incomplete" and left off every list.
  await publishNotice(app);
  await addClientViaUi(page, {
    firstName: 'Ruth',
    lastName: 'Ellis',
    dateOfBirth: '01/06/1970',
    email: 'ruth.ellis@example.co.uk',
    mobile: '+44 (0)7700 900123',
  });
  await expect(page.getByText('07700 900123', { exact: true })).toBeVisible();

  // The Messenger handle is an optional contact field of the record.
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Messenger handle').fill('https://m.me/ruth.ellis.7');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('ruth.ellis.7', { exact: true })).toBeVisible();

  await page.getByRole('tab', { name: 'Consent' }).click();
  for (const purpose of ['Marketing by telephone', 'Marketing by Facebook Messenger']) {
    await page.getByRole('button', { name: 'Record consent', exact: true }).click();
    const form = page.getByRole('form', { name: 'Record consent' });
    await form.getByLabel('Purpose').selectOption({ label: purpose });
    await form.getByRole('button', { name: 'Save consent' }).click();
    await expect(form).toBeHidden();
  }
  const mobileRow = page.getByRole('row', { name: 'Mobile 07700 900123' });
  await expect(mobileRow).toContainText('Not screened');

  await expect(await prepareList(page, 'Telephone')).toHaveText('0 clients may be contacted by telephone today');
  await expect(exclusionCount(page, 'Number not screened against the TPS')).toHaveText('1');

  await openClient(page, 'Ruth Ellis', 'Consent');
  await page.getByRole('button', { name: 'Record a TPS screening of 07700 900123' }).click();
  const screening = page.getByRole('form', { name: 'TPS screening of 07700 900123' });
  await expect(screening.getByLabel('Checked on')).toHaveValue(today());
  await screening.getByRole('button', { name: 'Save screening' }).click();
  await expect(page.getByText('TPS screening of 07700 900123 recorded.')).toBeVisible();
  await expect(mobileRow).toContainText('Screened: not on the TPS');
  await expect(mobileRow).toContainText('Allowed');

  await expect(await prepareList(page, 'Telephone')).toHaveText('1 client may be contacted by telephone today');
  const calls = await downloadCsv(page);
  expect(calls).toBe('First name,Last name,Preferred name,Phone\r\nRuth,Ellis,,07700 900123\r\n');

  const messenger = await prepareList(page, 'Facebook Messenger');
  await expect(messenger).toHaveText('1 client may be contacted on Facebook Messenger today');
  expect(await downloadCsv(page)).toBe('First name,Last name,Preferred name,Messenger handle\r\nRuth,Ellis,,ruth.ellis.7\r\n');

  // The mobile changes: the new number has no screening of its own.
  await openClient(page, 'Ruth Ellis', 'Overview');
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Mobile').fill('07700 900456');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('07700 900456', { exact: true })).toBeVisible();
  await expect(await prepareList(page, 'Telephone')).toHaveText('0 clients may be contacted by telephone today');
  await expect(exclusionCount(page, 'Number not screened against the TPS')).toHaveText('1');
});
