/**
 * Issue #12 items 8-9 at 1366×768: the owner erases a client's contact data
 * from the record (the preview says what goes and what stays until when, the
 * confirmation is typed); a search then finds nothing while the clinical
 * record remains, read-only, until its date. A restricted client cannot be
 * edited: the UI offers no edit, and a direct API call is refused.
 */
import { axeViolations } from './axe';
import { callFromPage, expect, openNav, OWNER_PASSWORD, signIn, test, type AppHandle } from './fixtures';
import { addClientViaUi } from './records';

test.beforeEach(async ({ vault }) => {
  test.setTimeout(120_000);
  await vault.init({ clinicName: 'Bramble Aesthetics', owner: 'sarah', ownerName: 'Sarah Jones' });
});


async function clientIdOf(app: AppHandle, query: string): Promise<string> {
  const r = (await callFromPage(app, 'clients.search', { query })) as { ok: true; value: { results: { id: string }[] } };
  return r.value.results[0]!.id;
}

function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}
function tenYearsOnUk(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${Number(y) + 10}`;
}

test('erasing a client: search finds nothing, the clinical record stays until its date', async ({ openApp }) => {
  const app = await openApp();
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, { firstName: 'Wiesława', lastName: 'Quarrington', dateOfBirth: '09/03/1984', mobile: '07700 900456', email: 'wieslawa.q@example.com' });
  const clientId = await clientIdOf(app, 'Quarrington');
  const today = todayIso();
  const treated = await callFromPage(app, 'treatments.create', {
    clientId,
    treatedOn: today,
    typeId: 'tt_toxin',
    areas: ['Forehead'],
    product: 'Azzalure',
    batchNumber: 'AB1234',
    batchExpiry: '2030-06-30',
    amount: 20,
    amountUnit: 'units',
    medicalHistoryReviewed: true,
  });
  expect(treated, JSON.stringify(treated)).toMatchObject({ ok: true });

  await page.getByRole('button', { name: 'Erase contact details (Art 17)…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Erase this client’s data' });
  const keptUntil = tenYearsOnUk(today);
  await expect(dialog.getByTestId('erasure-stays')).toContainText('Treatments, with products and batch numbers');
  await expect(dialog.getByTestId('erasure-stays')).toContainText(keptUntil);
  await expect(dialog.getByTestId('erasure-goes')).toContainText('Contact details');
  await expect(dialog).toContainText('Article 17(3)(c)');
  const erase = dialog.getByRole('button', { name: 'Erase now' });
  await expect(erase).toBeDisabled();
  await dialog.getByLabel('Type ERASE to confirm').fill('ERASE');
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: '/tmp/erasure-preview-1366.png' });
  await erase.click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Erased' })).toContainText(`kept until ${keptUntil}`);
  await expect(dialog.getByLabel(/Reply letter/)).toHaveValue(/Your request to erase your personal data/);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  // The clinical record remains, read-only, until its date; the name is gone from the page.
  await expect(page.getByTestId('erasure-banner')).toContainText(`until ${keptUntil}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Client record (contact details erased)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit details' })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: '/tmp/erasure-record-1366.png' });
  const treatments = (await callFromPage(app, 'treatments.list', { clientId })) as { ok: true; value: unknown[] };
  expect(treatments.value).toHaveLength(1);

  // A search finds nothing, by name, email or phone.
  await openNav(page, 'Clients');
  const search = page.getByRole('combobox', { name: 'Find a client' });
  for (const query of ['Quarrington', 'wieslawa', 'wieslawa.q@example.com', '07700 900456']) {
    await search.fill(query);
    await expect(search).toHaveValue(query);
    await expect(page.getByRole('listbox', { name: 'Clients' }).getByRole('option')).toHaveCount(0);
    const r = (await callFromPage(app, 'clients.search', { query })) as { ok: true; value: { results: unknown[] } };
    expect(r.value.results).toEqual([]);
  }
});

test('a restricted client cannot be edited: no edit offered, and a direct call is refused', async ({ openApp }) => {
  const app = await openApp();
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'sarah', OWNER_PASSWORD);
  await addClientViaUi(page, { firstName: 'Laura', lastName: 'Ashworth', dateOfBirth: '14/06/1964', email: 'laura@example.com' });
  await expect(page.getByRole('button', { name: 'Edit details' })).toBeVisible();
  await page.getByRole('button', { name: 'Restrict processing (Art 18)…' }).click();
  await page.getByRole('button', { name: 'Restrict', exact: true }).click();
  await expect(page.getByTestId('restriction-banner')).toContainText('can be read but not changed');
  await expect(page.getByRole('button', { name: 'Edit details' })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: '/tmp/restriction-record-1366.png' });

  const clientId = await clientIdOf(app, 'Ashworth');
  const refused = (await callFromPage(app, 'clients.update', { clientId, changes: { email: 'other@example.com' } })) as { ok: false; error: { code: string } };
  expect(refused).toMatchObject({ ok: false, error: { code: 'CLIENT_RESTRICTED' } });
  const record = (await callFromPage(app, 'clients.get', { clientId })) as { ok: true; value: { email: string } };
  expect(record.value.email).toBe('laura@example.com');

  // Lifting asks when the client was told first.
  await page.getByRole('button', { name: 'Lift the restriction…' }).click();
  await page.getByRole('button', { name: 'Lift the restriction', exact: true }).click();
  await expect(page.getByText('Enter the date the client was told')).toBeVisible();
  await expect(page.getByTestId('restriction-banner')).toBeVisible();
});
