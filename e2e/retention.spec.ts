/**
 * Issue #13 at 1366×768: a clinic with a client last treated 11 years ago and
 * others treated as children. The owner's home page says how many clients are
 * due for review; the Retention page lists them with the rule, the date it
 * counts from and the date kept until (DD/MM/YYYY), and leaves out the child
 * whose 25th birthday has not come. A legal hold placed from the client's
 * page shows as a banner there and as a marker on the queue row and in search.
 */
import { execFileSync } from 'node:child_process';
import { axeViolations } from './axe';
import { callFromPage, expect, openNav, OWNER_PASSWORD, signIn, test, type AppHandle } from './fixtures';

test.beforeEach(async ({ vault }) => {
  test.setTimeout(120_000);
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
});


function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}
const uk = (iso: string) => iso.split('-').reverse().join('/');
function yearsAgo(iso: string, years: number): string {
  const [y, m, d] = iso.split('-');
  return `${Number(y) - years}-${m}-${d === '29' && m === '02' ? '28' : d}`;
}

async function treatedClient(app: AppHandle, firstName: string, lastName: string, dateOfBirth: string, email: string, treatedOn: string): Promise<string> {
  const created = (await callFromPage(app, 'clients.create', { firstName, lastName, dateOfBirth, email })) as { ok: true; value: { id: string } };
  expect(created, JSON.stringify(created)).toMatchObject({ ok: true });
  const treated = await callFromPage(app, 'treatments.create', {
    clientId: created.value.id,
    treatedOn,
    typeId: 'tt_chemical_peel',
    areas: ['Face'],
    product: 'Glycolic 30%',
    medicalHistoryReviewed: true,
  });
  expect(treated, JSON.stringify(treated)).toMatchObject({ ok: true });
  return created.value.id;
}

test('the retention queue lists the clients due with the right dates; a legal hold shows wherever the client appears', async ({ openApp }) => {
  const app = await openApp();
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'sarah', OWNER_PASSWORD);
  const today = todayIso();
  const elevenYearsAgo = yearsAgo(today, 11);
  await treatedClient(app, 'Ingrid', 'Ólafsdóttir', '1970-02-14', 'ingrid@example.com', elevenYearsAgo);
  // Treated at 14: kept until the 25th birthday, 01/03/2024 (later than ten years on, 01/06/2023).
  await treatedClient(app, 'Tomás', 'Nguyễn', '1999-03-01', 'tomas@example.com', '2013-06-01');
  // Treated at 12 in 2015: kept until the 25th birthday in 2028, not yet due.
  await treatedClient(app, 'Amara', 'Okafor', '2003-05-01', 'amara@example.com', '2015-09-01');

  // The owner's home page at the next sign-in.
  await page.getByRole('button', { name: 'Switch user' }).click();
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await expect(page.getByTestId('owner-tasks')).toContainText('2 clients are due for review.');

  await openNav(page, 'Retention');
  const queue = page.getByTestId('retention-queue');
  await expect(queue.locator('tbody tr')).toHaveCount(2);
  const adult = queue.locator('tr', { hasText: 'Ingrid Ólafsdóttir' });
  await expect(adult).toContainText('Clinical: after the last treatment');
  await expect(adult).toContainText(`Last treatment: ${uk(elevenYearsAgo)}`);
  await expect(adult.getByTestId('retain-until')).toHaveText(uk(yearsAgo(elevenYearsAgo, -10)));
  const child = queue.locator('tr', { hasText: 'Tomás Nguyễn' });
  await expect(child).toContainText('Clinical: treated under 18, until the 25th birthday');
  await expect(child).toContainText('Date of birth: 01/03/1999');
  await expect(child.getByTestId('retain-until')).toHaveText('01/03/2024');
  await expect(queue).not.toContainText('Amara');
  await expect(page.getByTestId('retention-counts')).toContainText('2');
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: '/tmp/retention-queue-1366.png' });

  // The policy editor previews who moves before saving.
  await page.getByRole('button', { name: 'Retention policy…' }).click();
  const policy = page.getByTestId('retention-policy');
  await policy.getByLabel(/Clinical records, photos and treatment consents/).fill('180');
  await policy.getByRole('button', { name: 'See what changes' }).click();
  await expect(policy.getByTestId('policy-preview')).toContainText('0 rows join the queue and 2 leave it today.');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Close the policy' }).click();

  // A hold from the client's page: the banner there, the marker on the queue row and in search.
  await adult.getByRole('button', { name: 'Ingrid Ólafsdóttir' }).click();
  await page.getByRole('button', { name: 'Place a legal hold…' }).click();
  const form = page.getByRole('form', { name: 'Place a legal hold' });
  await form.getByLabel('Kind').selectOption('claim');
  await form.getByLabel('Reason').fill('Solicitor’s letter about a burn');
  await form.getByRole('button', { name: 'Place the hold' }).click();
  await expect(page.getByTestId('legal-hold-banner')).toContainText('Legal claim since');
  await expect(page.getByTestId('legal-hold-banner')).toContainText('Solicitor’s letter about a burn');
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: '/tmp/retention-hold-banner-1366.png' });

  // A direct destruction call is refused with the hold named.
  const ingrid = (await callFromPage(app, 'clients.search', { query: 'Ingrid' })) as { ok: true; value: { results: { id: string }[] } };
  const erase = (await callFromPage(app, 'erasure.apply', { clientId: ingrid.value.results[0]!.id, confirmation: 'ERASE' })) as { ok: false; error: { code: string; message: string } };
  expect(erase.error.code).toBe('LEGAL_HOLD');
  expect(erase.error.message).toContain('Solicitor’s letter about a burn');

  await openNav(page, 'Retention');
  await expect(queue.locator('tr', { hasText: 'Ingrid Ólafsdóttir' }).getByTestId('held-marker')).toBeVisible();
  await expect(queue.locator('tr', { hasText: 'Tomás Nguyễn' }).getByTestId('held-marker')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/retention-queue-held-1366.png' });

  await openNav(page, 'Clients');
  await page.getByRole('combobox', { name: 'Find a client' }).fill('Ingrid');
  await expect(page.getByTestId('search-hold-marker')).toBeVisible();
});

test('from the Retention page: a batch with a held client is refused whole; without it, destroyed with a certificate, and search finds none', async ({ openApp }) => {
  const app = await openApp();
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'sarah', OWNER_PASSWORD);
  const elevenYearsAgo = yearsAgo(todayIso(), 11);
  const gone = [
    await treatedClient(app, 'Wiesława', 'Brzęczyszczykiewicz', '1968-07-09', 'wieslawa@example.com', elevenYearsAgo),
    await treatedClient(app, 'Tomás', 'Nguyễn', '1999-03-01', 'tomas@example.com', '2013-06-01'),
  ];
  const held = await treatedClient(app, 'Ingrid', 'Ólafsdóttir', '1970-02-14', 'ingrid@example.com', elevenYearsAgo);
  expect(await callFromPage(app, 'holds.place', { clientId: held, kind: 'complaint', reason: 'Complaint about a peel' })).toMatchObject({ ok: true });

  await openNav(page, 'Retention');
  const queue = page.getByTestId('retention-queue');
  await expect(queue.locator('tbody tr')).toHaveCount(3);
  const actions = page.getByRole('region', { name: 'Destroy or anonymise' });

  // Everything selected, the held client included: refused, naming the hold, and nothing is destroyed.
  await page.getByRole('checkbox', { name: 'Select all rows' }).check();
  await actions.getByRole('button', { name: 'Destroy…' }).click();
  await actions.getByLabel('Type DESTROY to confirm').fill('DESTROY');
  await actions.getByRole('button', { name: 'Destroy now' }).click();
  await expect(actions.getByRole('alert')).toContainText('Ingrid Ólafsdóttir: This client is under a legal hold');
  await expect(actions.getByRole('alert')).toContainText('Complaint about a peel');
  await expect(queue.locator('tbody tr')).toHaveCount(3);

  await page.screenshot({ path: '/tmp/retention-batch-refused-1366.png' });

  // Without the held client (the form stays open, the word still typed): destroyed, with a certificate.
  await page.getByRole('checkbox', { name: /^Select Ingrid Ólafsdóttir/ }).uncheck();
  await expect(actions.getByRole('heading', { name: 'Destroy 2 clients' })).toBeVisible();
  await actions.getByRole('button', { name: 'Destroy now' }).click();
  await expect(actions.getByTestId('batch-result')).toContainText('2');
  await expect(queue.locator('tbody tr')).toHaveCount(1);
  await expect(queue).toContainText('Ingrid Ólafsdóttir');
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: '/tmp/retention-batch-done-1366.png' });
  const [download] = await Promise.all([page.waitForEvent('download'), actions.getByRole('button', { name: 'Download the certificate (PDF)' }).click()]);
  const text = execFileSync('pdftotext', [await download.path(), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('Certificate of destruction');
  expect(text).toContain('Clients destroyed 2');
  for (const id of gone) expect(text).toContain(id);
  expect(text).not.toContain(held);
  for (const name of ['Brzęczyszczykiewicz', 'Nguyễn', 'Wiesława', 'Ólafsdóttir']) expect(text).not.toContain(name);

  // Search finds neither; the held client stays.
  await openNav(page, 'Clients');
  const search = page.getByRole('combobox', { name: 'Find a client' });
  for (const query of ['Brzęczyszczykiewicz', 'Nguyen', 'tomas@example.com']) {
    await search.fill(query);
    await expect(page.getByText(/^No clients match/)).toBeVisible();
  }
  await search.fill('Ingrid');
  await expect(page.getByTestId('search-hold-marker')).toBeVisible();
});
