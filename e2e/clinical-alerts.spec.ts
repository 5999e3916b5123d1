/**
 * Issue #10 items 3, 5 and 10 at 1366×768: clinical alerts under the client's
 * name on every tab and inside Add treatment (with the review tick), none of it
 * for reception; the home page per role; unit defaults; photo stages from names
 * and order; the recall CSV and print view.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callFromPage, expect, openNav, OWNER_PASSWORD, signIn, STAFF_PASSWORD, test, type AppHandle } from './fixtures';
import { addClientViaUi, makeJpeg, ukDateYearsAgo } from './records';

// Screenshots for review, kept with the others (e2e-artifacts/ is not committed).
const SHOTS = 'e2e-artifacts';

test.beforeEach(async ({ vault }) => {
  // Each test walks a whole task through several screens and roles: longer than one page's default.
  test.setTimeout(120_000);
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
  await vault.addStaff({ owner: 'sarah', username: 'rachel', displayName: 'Rachel Reed', role: 'reception' });
  await vault.addStaff({ owner: 'sarah', username: 'priya', displayName: 'Priya Shah', role: 'practitioner' });
});

/**
 * axe over part of the page, WCAG 2.1 A/AA, with label-content-name-mismatch
 * switched on (axe counts it experimental and skips it by default; it is the
 * finding the issue reported on the Photos tab).
 */
async function axeViolations(page: Page, include: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .include(include)
    .analyze();
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The client's id, from the app's own search (the record's URL is not shown). */
async function clientIdOf(app: AppHandle, query: string): Promise<string> {
  const r = (await callFromPage(app, 'clients.search', { query })) as { ok: true; value: { results: { id: string }[] } };
  return r.value.results[0]!.id;
}

function isoYearsAgo(years: number): string {
  const [d, m, y] = ukDateYearsAgo(years).split('/');
  return `${y}-${m}-${d}`;
}

async function switchUser(app: AppHandle, username: string, password: string) {
  await app.page.getByRole('button', { name: 'Switch user' }).click();
  await signIn(app.page, username, password);
}

test('alerts show under the name on every tab and inside Add treatment, where the review tick is required', async ({
  openApp,
}) => {
  const app = await openApp();
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'priya', STAFF_PASSWORD);
  await addClientViaUi(page, { firstName: 'Laura', lastName: 'Ashworth', dateOfBirth: '14/06/1964', mobile: '07700 900456' });
  const clientId = await clientIdOf(app, 'Laura Ashworth');
  const updated = await callFromPage(app, 'medical.update', {
    clientId,
    changes: { allergies: 'Lidocaine: hives', contraindications: 'On warfarin', pregnant: 'yes', reviewedOn: isoYearsAgo(2) },
    reason: '',
  });
  expect(updated).toMatchObject({ ok: true });

  // Leaving the Medical tab asks for the alerts again.
  await page.getByRole('tab', { name: 'Medical' }).click();
  await page.getByRole('tab', { name: 'Overview' }).click();
  const banner = page.getByRole('region', { name: 'Clinical alerts', exact: true });
  await expect(banner).toContainText(/Allergies\s*Lidocaine: hives/);
  await expect(banner).toContainText(/Contraindications\s*On warfarin/);
  await expect(banner).toContainText('Pregnant');
  await expect(banner).toContainText(
    new RegExp(`Medical history review due\\s*Last reviewed ${ukDateYearsAgo(2)}, over 12 months ago`),
  );
  for (const tab of ['Lifestyle', 'Photos', 'Consent', 'History', 'Treatments']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(banner, `banner on ${tab}`).toBeVisible();
  }

  await page.getByRole('button', { name: 'Add treatment' }).click();
  const form = page.locator('form.treatment-form');
  const inForm = form.getByRole('region', { name: 'Clinical alerts for this treatment' });
  await expect(inForm).toContainText('Lidocaine: hives');
  await expect(inForm).toContainText('On warfarin');

  // The unit follows the type: toxin in units, filler in ml.
  const unit = form.getByLabel('Unit');
  await form.getByLabel('Treatment', { exact: true }).selectOption({ label: 'Dermal filler' });
  await expect(unit).toHaveValue('ml');
  await form.getByLabel('Treatment', { exact: true }).selectOption({ label: 'Botulinum toxin' });
  await expect(unit).toHaveValue('units');
  await form.getByLabel('Areas treated').fill('Forehead');
  await form.getByLabel('Product').fill('Bocouture');
  await form.getByLabel('Batch / lot number').fill('BX-7001');
  await form.getByLabel('Expiry date').fill('08/2027');
  await form.getByLabel('Amount').fill('20');

  // Saving without the tick is stopped, and the tick is put in front of the practitioner.
  const tick = form.getByRole('checkbox', { name: 'I have reviewed the medical history today' });
  await form.getByRole('button', { name: 'Save treatment' }).click();
  await expect(form.getByTestId('review-tick')).toContainText(
    'Review the medical history with the client, then tick that you have reviewed it today.',
  );
  await expect(tick).toBeFocused();
  await expect(tick).toBeInViewport();
  mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, 'alerts-add-treatment.png') });
  expect(await axeViolations(page, 'main')).toEqual([]);

  // The app itself refuses the treatment without the tick.
  const refused = (await callFromPage(app, 'treatments.create', {
    clientId,
    treatedOn: isoYearsAgo(0),
    typeId: 'tt_chemical_peel',
  })) as { ok: false; error: { code: string; issues: { field: string }[] } };
  expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ field: 'medicalHistoryReviewed' }] } });

  await tick.check();
  await form.getByRole('button', { name: 'Save treatment' }).click();
  await expect(page.getByText(/Botulinum toxin on \d{2}\/\d{2}\/\d{4} has been added to the record\./)).toBeVisible();
  // Reviewed today now: the review alert goes, the others stay.
  await expect(banner).not.toContainText('review due');
  await expect(banner).toContainText('Lidocaine: hives');

  // Reception sees no alerts, and the app refuses them if asked.
  await switchUser(app, 'rachel', STAFF_PASSWORD);
  await page.getByRole('combobox', { name: 'Find a client' }).fill('Ashworth');
  await page.getByRole('option', { name: /Laura Ashworth/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Laura Ashworth' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Clinical alerts' })).toHaveCount(0);
  await expect(page.getByText('Lidocaine')).toHaveCount(0);
  expect(await callFromPage(app, 'clients.clinicalAlerts', { clientId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('home: reception lands in the search with today’s clients, the practitioner on their recent clients, the owner on what needs doing', async ({
  openApp,
}) => {
  const app = await openApp();
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });

  await signIn(page, 'priya', STAFF_PASSWORD);
  await expect(page.getByTestId('recent-clients')).toContainText('Clients you open appear here');
  await addClientViaUi(page, { firstName: 'Maya', lastName: 'Okafor', dateOfBirth: '02/02/1990' });
  await addClientViaUi(page, { firstName: 'Zoe', lastName: 'Brien', dateOfBirth: '03/03/1991' });
  await openNav(page, 'Home');
  const mine = page.getByTestId('recent-clients');
  await expect(mine.getByRole('heading')).toHaveText('Your recent clients');
  await expect(mine.getByRole('listitem')).toHaveCount(2);
  await expect(mine.getByRole('listitem').nth(0)).toContainText('Zoe Brien');
  await expect(mine.getByRole('listitem').nth(1)).toContainText('Maya Okafor');

  await switchUser(app, 'rachel', STAFF_PASSWORD);
  const search = page.getByRole('combobox', { name: 'Find a client' });
  await expect(search).toBeFocused();
  expect(await axeViolations(page, 'main')).toEqual([]);
  const today = page.getByTestId('recent-clients');
  await expect(today.getByRole('heading')).toHaveText("Today's clients");
  await expect(today).toContainText('Maya Okafor');
  await expect(today).toContainText('Zoe Brien');
  await page.keyboard.type('okafor');
  await expect(page.getByRole('option', { name: /Maya Okafor/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Maya Okafor' })).toBeVisible();

  await switchUser(app, 'sarah', OWNER_PASSWORD);
  const tasks = page.getByTestId('owner-tasks');
  await expect(tasks.getByRole('heading')).toHaveText('What needs doing');
  await expect(tasks).toContainText('No privacy notice is published yet');
  await tasks.getByRole('button', { name: 'Publish a privacy notice' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await openNav(page, 'Home');
  // Backups exist now, and an owner who has not set them up is told so on the home page.
  await expect(page.getByRole('main')).toContainText('Backups are not set up yet. Choose a backup folder in Settings, Backups.');
  // Only features that exist: no promise of the retention queue's destruction, which is not built yet.
  await expect(page.getByRole('main')).not.toContainText(/Destroy records|retention queue/i);
});

test('photo stages come from the file name or the order dropped, and one control sets them all', async ({
  openApp,
}, testInfo) => {
  const dir = testInfo.outputPath();
  const named = await makeJpeg(dir, 'cheek-post.jpg', 'after');
  const plain1 = await makeJpeg(dir, 'IMG_0001.jpg', 'before');
  const plain2 = await makeJpeg(dir, 'IMG_0002.jpg', 'after');
  const { page } = await openApp();
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, { firstName: 'Nia', lastName: 'Evans', dateOfBirth: '09/09/1989' });
  await page.getByRole('tab', { name: 'Photos' }).click();

  const input = page.getByTestId('photo-file-input');
  const files = page.getByRole('list', { name: 'Photos to import' });
  const stageOf = (name: string) => files.getByRole('listitem', { name }).getByLabel('Stage');
  await input.setInputFiles([named, plain1]);
  await expect(stageOf('cheek-post.jpg')).toHaveValue('after');
  await expect(stageOf('IMG_0001.jpg')).toHaveValue('before');
  const all = page.getByLabel('Stage of every photo');
  await expect(all).toHaveValue('');
  await all.selectOption('during');
  await expect(stageOf('cheek-post.jpg')).toHaveValue('during');
  await expect(stageOf('IMG_0001.jpg')).toHaveValue('during');

  // A second drop, with no stage in the name, is After.
  await input.setInputFiles([plain2]);
  await expect(stageOf('IMG_0002.jpg')).toHaveValue('after');

  // Imported, the area's Compare button is named by what it shows (the axe finding of the issue).
  await page.getByLabel('Area photographed').fill('Cheek');
  await page.getByRole('button', { name: 'Import 3 photos' }).click();
  await expect(page.getByText('3 photos imported.')).toBeVisible();
  const group = page.getByRole('region', { name: 'Cheek photos' });
  await expect(group.getByRole('img', { name: 'Cheek, during, ' + ukDateYearsAgo(0) })).toHaveCount(2);
  await expect(group.getByRole('img', { name: 'Cheek, after, ' + ukDateYearsAgo(0) })).toHaveCount(1);
  await expect(group.getByRole('button', { name: 'Compare before and after: Cheek' })).toBeVisible();
  expect(await axeViolations(page, 'main')).toEqual([]);
});

test('a recall list downloads as CSV and prints on its own', async ({ openApp }) => {
  const app = await openApp();
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, { firstName: 'Hannah', lastName: 'Price', dateOfBirth: '21/05/1984', mobile: '07700 900321' });
  const clientId = await clientIdOf(app, 'Hannah Price');
  const made = await callFromPage(app, 'treatments.create', {
    clientId,
    treatedOn: '2026-03-02',
    typeId: 'tt_toxin',
    product: 'Bocouture',
    batchNumber: 'BX-2291',
    batchExpiry: '2027-08-31',
    medicalHistoryReviewed: true,
  });
  expect(made).toMatchObject({ ok: true });

  await openNav(page, 'Recall');
  await page.getByLabel('Batch or lot number').fill('bx 2291');
  await page.getByRole('button', { name: 'Find clients' }).click();
  await expect(page.getByText('1 client received batch')).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^recall-BX2291-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
  expect(csv[0]).toBe('Client,Date of birth,Mobile,Email,Treated on,Product,Batch,Practitioner');
  expect(csv[1]).toMatch(/^Hannah Price,21\/05\/1984,07700 ?900321,,02\/03\/2026,Bocouture,BX-2291,Sarah Jones$/);

  // On paper only the list shows.
  await page.emulateMedia({ media: 'print' });
  const sheet = page.getByTestId('recall-print');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Recall: batch BX2291');
  await expect(sheet.getByRole('row', { name: /Hannah Price/ })).toContainText('02/03/2026');
  await expect(page.getByRole('navigation', { name: 'Main' })).not.toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await expect(sheet).not.toBeVisible();
});
