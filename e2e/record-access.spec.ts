import { callFromPage, expect, openNav, signIn, snapshot, STAFF_PASSWORD, test } from './fixtures';
import { addClientViaUi } from './records';

test.beforeEach(async ({ vault }) => {
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  await vault.addStaff({ owner: 'sarah', username: 'rita', displayName: 'Rita Patel', role: 'reception' });
  await vault.addStaff({ owner: 'sarah', username: 'priya', displayName: 'Priya Shah', role: 'practitioner' });
});

test('reception sees contact details but no clinical tabs, and the app refuses clinical reads', async ({
  openApp,
}) => {
  const app = await openApp();
  const { page } = app;
  await signIn(page, 'rita', STAFF_PASSWORD);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Clients' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Recall' })).toHaveCount(0);

  await addClientViaUi(page, {
    firstName: 'Nadia',
    lastName: 'Khan',
    dateOfBirth: '08/08/1992',
    mobile: '07700 900555',
  });
  const tabs = page.getByRole('tablist', { name: 'Record sections' });
  await expect(tabs.getByRole('tab')).toHaveText(['Overview', 'Consent', 'History']);
  for (const hidden of ['Medical', 'Lifestyle', 'Treatments', 'Photos']) {
    await expect(tabs.getByRole('tab', { name: hidden })).toHaveCount(0);
  }
  await expect(page.getByRole('button', { name: 'Edit details' })).toBeVisible();
  await snapshot(page, 'record-reception');

  // Going round the screens does not help: the app refuses.
  const search = (await callFromPage(app, 'clients.search', { query: 'nadia' })) as {
    ok: true;
    value: { results: { id: string }[] };
  };
  const clientId = search.value.results[0]!.id;
  for (const method of ['medical.get', 'lifestyle.get', 'treatments.list', 'photos.list']) {
    expect(await callFromPage(app, method, { clientId }), method).toMatchObject({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: 'Your role does not allow this. Ask the clinic owner if you need it.',
      },
    });
  }
});

test('a practitioner records the medical history and lifestyle, with a review date', async ({ openApp }) => {
  const { page } = await openApp();
  await signIn(page, 'priya', STAFF_PASSWORD);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Recall' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Settings' })).toHaveCount(0);
  await addClientViaUi(page, { firstName: 'Beatriz', lastName: 'Costa', dateOfBirth: '17/02/1987' });

  await page.getByRole('tab', { name: 'Medical' }).click();
  await expect(page.getByText('No medical history recorded yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Record medical history' }).click();
  await page.getByLabel('Allergies').fill('Lidocaine');
  await page.getByLabel('Medications').fill('Levothyroxine 50 micrograms daily');
  await page.getByLabel('Pregnant').selectOption('no');
  await page.getByLabel('Last reviewed with the client').fill('31/02/2026');
  await page.getByRole('button', { name: 'Save medical history' }).click();
  await expect(page.getByText('Enter a real date, like 25/12/2026.')).toBeVisible();
  await page.getByRole('button', { name: 'Today' }).click();
  await page.getByLabel('Reason for change').fill('First consultation');
  await page.getByRole('button', { name: 'Save medical history' }).click();
  await expect(page.getByText('Medical history saved.')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Allergies' })).toContainText('Lidocaine');
  await expect(page.getByText(/Last reviewed \d{2}\/\d{2}\/\d{4}/)).toBeVisible();
  await snapshot(page, 'record-medical');

  await page.getByRole('tab', { name: 'Lifestyle' }).click();
  await page.getByRole('button', { name: 'Record lifestyle' }).click();
  await page.getByLabel('Smoking').selectOption('former');
  await page.getByLabel('Sun exposure').selectOption('high');
  await page.getByLabel('Skincare routine').fill('SPF 50 daily, retinol at night.');
  await page.getByRole('button', { name: 'Save lifestyle' }).click();
  await expect(page.getByText('Lifestyle details saved.')).toBeVisible();
  await expect(page.getByText('Used to smoke')).toBeVisible();
  await snapshot(page, 'record-lifestyle');

  await page.getByRole('tab', { name: 'History' }).click();
  const allergies = page.getByRole('table').getByRole('row', { name: /Allergies/ });
  await expect(allergies).toContainText('Lidocaine');
  await expect(allergies).toContainText('First consultation');
  await expect(allergies).toContainText('Priya Shah');

  // Arrow keys move between the tabs.
  await page.getByRole('tab', { name: 'History' }).focus();
  await page.keyboard.press('Home');
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Overview' })).toBeFocused();
});

test('the owner keeps the treatment catalogue in Settings', async ({ openApp }) => {
  const { page } = await openApp();
  await signIn(page, 'sarah', 'correct horse battery');
  await openNav(page, 'Settings');
  const catalogue = page.getByRole('region', { name: 'Treatment catalogue' });
  await expect(catalogue.getByRole('row', { name: /Botulinum toxin/ })).toContainText('18+ only');

  await catalogue.getByRole('button', { name: 'Add treatment type' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add treatment type' });
  await dialog.getByLabel('Treatment name').fill('Polynucleotides');
  await dialog.getByRole('checkbox', { name: /Injectable/ }).check();
  await dialog.getByRole('radio', { name: 'No', exact: true }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const row = catalogue.getByRole('row', { name: /Polynucleotides/ });
  await expect(row).toContainText('Yes');
  await snapshot(page, 'settings-catalogue');

  await row.getByRole('button', { name: 'Edit Polynucleotides' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Polynucleotides' });
  await edit.getByRole('checkbox', { name: /Offered/ }).uncheck();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(row).toContainText('No longer offered');
});

test('opening each clinical tab is recorded in the audit log, every time', async ({ openApp }) => {
  const app = await openApp();
  const { page } = app;
  await signIn(page, 'sarah', 'correct horse battery');
  await addClientViaUi(page, { firstName: 'Freya', lastName: 'Lund', dateOfBirth: '23/09/1983' });
  for (const tab of ['Medical', 'Lifestyle', 'Treatments', 'Photos', 'Medical']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('.loading')).toHaveCount(0);
  }
  const audit = (await callFromPage(app, 'audit.list', { limit: 50, action: 'client.' })) as {
    ok: true;
    value: { entries: { action: string }[] };
  };
  const actions = audit.value.entries.map((e) => e.action);
  expect(actions.filter((a) => a === 'client.medical_viewed')).toHaveLength(2);
  for (const action of ['client.lifestyle_viewed', 'client.treatments_viewed', 'client.photos_viewed']) {
    expect(actions).toContain(action);
  }

  await openNav(page, 'Audit log');
  await page.getByLabel('Action').selectOption({ label: 'All client record activity' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByRole('table').getByText('Medical history viewed').first()).toBeVisible();
  await snapshot(page, 'audit-client-activity');
});
