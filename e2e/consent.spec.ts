import {
  callFromPage,
  expect,
  openNav,
  OWNER_PASSWORD,
  signIn,
  snapshot,
  STAFF_PASSWORD,
  test,
} from './fixtures';
import { addClientViaUi, makeJpeg } from './records';
import {
  consentRow,
  downloadCsv,
  exclusionCount,
  openClient,
  prepareList,
  publishNotice,
  recordConsent,
  withdraw,
} from './consent-helpers';

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
});

test('email marketing is given and withdrawn in one step, and the client leaves the email list', async ({
  openApp,
}) => {
  const app = await openApp();
  const { page } = app;
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await publishNotice(app);
  await addClientViaUi(page, {
    firstName: 'Ruth',
    lastName: 'Ellis',
    dateOfBirth: '01/06/1970',
    email: 'ruth.ellis@example.co.uk',
  });
  await page.getByRole('tab', { name: 'Consent' }).click();
  await recordConsent(page, 'Marketing by email');

  await addClientViaUi(page, {
    firstName: 'Olivia',
    lastName: 'Bennett',
    dateOfBirth: '12/12/1990',
    email: 'olivia.bennett@example.co.uk',
    mobile: '07700 900123',
  });
  await page.getByRole('tab', { name: 'Consent' }).click();
  await expect(consentRow(page, 'Marketing by email').getByText('Not asked')).toBeVisible();
  await page.getByRole('button', { name: 'Record consent', exact: true }).click();
  const form = page.getByRole('form', { name: 'Record consent' });
  await form.getByLabel('Purpose').selectOption({ label: 'Marketing by email' });
  await expect(form.getByLabel('The exact wording shown or read to the client')).toHaveValue(
    /Bramble Aesthetics to email me/,
  );
  await form.getByRole('radio', { name: 'Soft opt-in' }).check();
  await form.getByRole('button', { name: 'Save consent' }).click();
  await expect(form.getByText('The soft opt-in applies only when all three are true.')).toBeVisible();
  await form.getByRole('radio', { name: 'Consent' }).check();
  await snapshot(page, 'consent-record-form');
  await form.getByRole('button', { name: 'Save consent' }).click();
  await expect(form).toBeHidden();
  const email = consentRow(page, 'Marketing by email');
  await expect(email.getByText('Given', { exact: true })).toBeVisible();
  await expect(email).toContainText('Consent');
  await snapshot(page, 'consent-tab');

  const summary = await prepareList(page, 'Email');
  await expect(summary).toHaveText('2 clients may be contacted by email today');
  await expect(page.getByText('This list is for today only')).toBeVisible();
  await snapshot(page, 'marketing-lists');
  const before = await downloadCsv(page);
  expect(before).toContain('olivia.bennett@example.co.uk');
  expect(before).toContain('ruth.ellis@example.co.uk');

  // Withdrawing is one step: one button, one question (how they told us), defaulting to in person.
  await openClient(page, 'Olivia Bennett', 'Consent');
  await withdraw(page, 'Marketing by email');
  const timeline = page.getByRole('list', { name: 'Consent timeline, newest first' });
  await expect(timeline.getByRole('listitem')).toHaveCount(2);
  await expect(timeline.getByRole('listitem').first()).toContainText('Withdrawn');
  await expect(timeline.getByRole('listitem').first()).toContainText('In person');
  await expect(timeline.getByRole('listitem').first()).toContainText('Sarah Jones');
  await expect(timeline.getByRole('listitem').nth(1)).toContainText('Bramble Aesthetics to email me');
  await snapshot(page, 'consent-withdrawn');

  await expect(await prepareList(page, 'Email')).toHaveText('1 client may be contacted by email today');
  await expect(exclusionCount(page, 'Consent withdrawn or never given')).toHaveText('1');
  const after = await downloadCsv(page);
  expect(after).toContain('ruth.ellis@example.co.uk');
  expect(after).not.toContain('olivia.bennett@example.co.uk');
});

test('an objection to direct marketing withdraws every channel and needs fresh, explicit consent to undo', async ({
  openApp,
}) => {
  const app = await openApp();
  const { page } = app;
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await publishNotice(app);
  await addClientViaUi(page, {
    firstName: 'Hannah',
    lastName: 'Price',
    dateOfBirth: '21/05/1984',
    email: 'hannah.price@example.co.uk',
    mobile: '07700 900321',
  });
  await page.getByRole('tab', { name: 'Consent' }).click();
  await recordConsent(page, 'Marketing by email');
  await recordConsent(page, 'Marketing by SMS');
  await recordConsent(page, 'Appointment reminders by SMS');

  await page.getByRole('button', { name: 'Objects to direct marketing' }).click();
  const dialog = page.getByRole('dialog', { name: 'Objects to direct marketing' });
  await expect(dialog).toContainText('Article 21(3)');
  await expect(dialog).toContainText('suppression list');
  await snapshot(page, 'consent-object-dialog');
  await dialog.getByRole('button', { name: 'Record the objection' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole('status').filter({ hasText: 'Objected to direct marketing' })).toBeVisible();
  const marketing = page.getByRole('region', { name: 'Marketing' });
  await expect(marketing.getByText('Given', { exact: true })).toHaveCount(0);
  await expect(consentRow(page, 'Marketing by email').getByText('Withdrawn')).toBeVisible();
  await expect(consentRow(page, 'Marketing by SMS').getByText('Withdrawn')).toBeVisible();
  // Service messages are not marketing: reminders are untouched.
  await expect(consentRow(page, 'Appointment reminders by SMS').getByText('Given')).toBeVisible();
  await snapshot(page, 'consent-suppressed');

  await prepareList(page, 'SMS');
  await expect(page.getByTestId('marketing-summary')).toHaveText('0 clients may be contacted by SMS today');
  await expect(exclusionCount(page, 'Objected to direct marketing')).toHaveText('1');

  // Re-granting without the client's fresh, explicit consent is refused.
  await openClient(page, 'Hannah Price', 'Consent');
  await recordConsent(page, 'Marketing by email', { expectSaved: false });
  const form = page.getByRole('form', { name: 'Record consent' });
  await expect(form).toContainText('This client has objected to direct marketing.');
  const fresh = form.getByRole('checkbox', { name: 'The client has given fresh, explicit consent' });
  await expect(fresh).toBeVisible();
  await snapshot(page, 'consent-suppressed-regrant');
  await fresh.check();
  await form.getByRole('button', { name: 'Save consent' }).click();
  await expect(form).toBeHidden();
  await expect(consentRow(page, 'Marketing by email').getByText('Given', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Consent timeline, newest first' }).getByText('Fresh, explicit consent'),
  ).toBeVisible();
});

test('a photo’s website and social media use goes when that consent is withdrawn', async ({
  openApp,
}, testInfo) => {
  const jpeg = await makeJpeg(testInfo.outputPath(), 'cheek.jpg', 'before');
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, { firstName: 'Amara', lastName: 'Okafor', dateOfBirth: '03/03/1992' });
  await page.getByRole('tab', { name: 'Consent' }).click();
  await recordConsent(page, 'Photos: website and social media');

  await page.getByRole('tab', { name: 'Photos' }).click();
  await page.getByTestId('photo-file-input').setInputFiles([jpeg]);
  await page.getByLabel('Area photographed').fill('Cheeks');
  await page.getByRole('checkbox', { name: 'Website & social media' }).check();
  await page.getByRole('button', { name: 'Import 1 photo' }).click();
  await expect(page.getByText('1 photo imported.')).toBeVisible();
  const uses = page.getByRole('region', { name: 'Cheeks photos' }).getByTestId('photo-uses');
  await expect(uses).toHaveText('Clinical record · Website & social media');

  await page.getByRole('tab', { name: 'Consent' }).click();
  await withdraw(page, 'Photos: website and social media');

  await page.getByRole('tab', { name: 'Photos' }).click();
  await expect(uses).toHaveText('Clinical record · Website & social media (consent withdrawn)');
  await expect(uses.locator('s')).toHaveText('Website & social media');
  await snapshot(page, 'photos-consent-withdrawn');
});

test('reception sees marketing and reminders only, and cannot open or call the marketing lists', async ({
  vault,
  openApp,
}) => {
  await vault.addStaff({ owner: 'sarah', username: 'rita', displayName: 'Rita Patel', role: 'reception' });
  const app = await openApp();
  const { page } = app;
  await signIn(page, 'rita', STAFF_PASSWORD);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Clients' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Marketing lists' })).toHaveCount(0);

  await addClientViaUi(page, {
    firstName: 'Grace',
    lastName: 'Hall',
    dateOfBirth: '09/09/1989',
    mobile: '07700 900555',
  });
  await page.getByRole('tab', { name: 'Consent' }).click();
  await expect(page.getByRole('region', { name: 'Marketing' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Appointment reminders' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Photo uses' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Treatment consents' })).toHaveCount(0);
  await recordConsent(page, 'Appointment reminders by SMS');
  await expect(
    consentRow(page, 'Appointment reminders by SMS').getByText('Given', { exact: true }),
  ).toBeVisible();
  await snapshot(page, 'consent-reception');

  const result = await callFromPage(app, 'marketing.export', { channel: 'email' });
  expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('a new privacy notice lists the clients to contact, and a deceased client is left off every list', async ({
  openApp,
}) => {
  const { page } = await openApp();
  await signIn(page, 'sarah', OWNER_PASSWORD);

  await openNav(page, 'Settings');
  const notices = page.getByRole('region', { name: 'Privacy notices' });
  await notices.getByRole('button', { name: 'Publish new version' }).click();
  let dialog = page.getByRole('dialog', { name: 'Publish a new privacy notice' });
  await dialog.getByLabel('Version label').fill('v1');
  await dialog.getByLabel('In force from').fill('01/01/2026');
  await dialog.getByLabel('Full text').fill('How Bramble Aesthetics uses your information. Version 1.');
  await dialog.getByRole('button', { name: 'Publish' }).click();
  await expect(dialog).toBeHidden();
  await expect(notices.getByRole('row', { name: /v1/ })).toContainText('01/01/2026');

  await addClientViaUi(page, {
    firstName: 'Margaret',
    lastName: 'Doyle',
    dateOfBirth: '02/02/1950',
    email: 'margaret.doyle@example.co.uk',
  });
  await page.getByRole('tab', { name: 'Consent' }).click();
  await recordConsent(page, 'Marketing by email');
  await expect(consentRow(page, 'Marketing by email')).toContainText('v1');

  await openNav(page, 'Settings');
  await notices.getByRole('button', { name: 'Publish new version' }).click();
  dialog = page.getByRole('dialog', { name: 'Publish a new privacy notice' });
  await dialog.getByLabel('Version label').fill('v2');
  await dialog.getByLabel('Full text').fill('How Bramble Aesthetics uses your information. Version 2.');
  await dialog.getByRole('button', { name: 'Publish' }).click();
  await expect(notices.getByTestId('notice-affected-count')).toContainText(
    '1 client’s consents rest on an older version',
  );
  await expect(notices.getByRole('row', { name: /Margaret Doyle/ })).toContainText('Marketing by email');
  await notices.scrollIntoViewIfNeeded();
  await snapshot(page, 'settings-privacy-notices');

  await openClient(page, 'Margaret Doyle');
  await page.getByRole('button', { name: 'Mark as deceased' }).click();
  dialog = page.getByRole('dialog', { name: 'Mark as deceased' });
  await dialog.getByLabel('Date of death').fill('01/02/2026');
  await dialog.getByRole('button', { name: 'Mark as deceased' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Margaret Doyle is marked as deceased (01/02/2026).')).toBeVisible();
  await expect(page.getByTestId('deceased-badge')).toHaveText('Deceased 01/02/2026');
  await snapshot(page, 'record-deceased');

  await prepareList(page, 'Email');
  await expect(page.getByTestId('marketing-summary')).toHaveText('0 clients may be contacted by email today');
  await expect(exclusionCount(page, 'Deceased')).toHaveText('1');
});
